// The address book through the query cache, and the one hook every view uses to show an id as a name:
// useDisplayNames(). Changes answer the whole book, which replaces the cached one, so every view shows the new
// names at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { displayName, indexAddressBook, nameWithId, type AddressEntry, type AddressLookup } from '../../../main/common/address-book';
import { call } from '../bridge';

export const addressBookKey = ['addressBook'] as const;

export function useAddressBook() {
  return useQuery({ queryKey: addressBookKey, queryFn: () => call('addressBook.list', {}) });
}

export interface DisplayNames {
  book: AddressLookup;
  /** The name the book gives the id, else the id shortened. */
  name: (id: string) => string;
  /** Whether the book names the id. */
  known: (id: string) => boolean;
  /** For a title (hover): "Name (id)", or the id. */
  title: (id: string) => string;
}

const EMPTY: AddressEntry[] = [];

/** Names for ids. Until the book has loaded (or if it cannot be read), ids are shown as they are, shortened. */
export function useDisplayNames(): DisplayNames {
  const entries = useAddressBook().data ?? EMPTY;
  return useMemo(() => {
    const book = indexAddressBook(entries);
    return {
      book,
      name: (id) => displayName(id, book),
      known: (id) => book.has(id),
      title: (id) => nameWithId(id, book),
    };
  }, [entries]);
}

function useBookMutation<A>(run: (args: A) => Promise<AddressEntry[]>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (entries) => client.setQueryData(addressBookKey, entries),
  });
}

export function useSaveAddress() {
  return useBookMutation((entry: AddressEntry) => call('addressBook.save', { entry }));
}

export function useRemoveAddress() {
  return useBookMutation((id: string) => call('addressBook.remove', { id }));
}

export function useImportAddresses() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => call('addressBook.importCsv', { text }),
    onSuccess: (result) => client.setQueryData(addressBookKey, result.entries),
  });
}
