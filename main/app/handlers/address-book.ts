// The address book's methods: arguments arrive parsed by the dispatcher (entries and CSV text by the rules of
// main/common/address-book.ts); the store re-checks and keeps the file.
import type { addressBookMethods } from '../../common/methods/address-book.js';
import type { HandlerContext, HandlersFor } from './types.js';

export function createAddressBookHandlers({ services }: HandlerContext): HandlersFor<typeof addressBookMethods> {
  const { addressBook, log } = services;
  return {
    'addressBook.list': () => addressBook.list(),
    'addressBook.save': ({ entry }) => addressBook.save(entry),
    'addressBook.remove': ({ id }) => addressBook.remove(id),
    'addressBook.importCsv': async ({ text }) => {
      const result = await addressBook.importCsv(text);
      log.info('address book', `Imported a CSV file: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused.`);
      return result;
    },
    'addressBook.exportCsv': async () => ({
      fileName: `media-desk-address-book-${new Date().toISOString().slice(0, 10)}.csv`,
      text: await addressBook.exportCsv(),
    }),
  };
}
