// A file's type as the library's tables name it: told by the name's extension (the listing sends no media type),
// with the kind of preview it gets; an extension the app does not know is named as it is, whatever it spells.
import { describe, expect, it } from 'vitest';
import { fileType } from '../../../../renderer/src/views/library/format';

const typeOf = (name: string) => fileType({ name, voicemail: false });

describe('a file type told by its name', () => {
  it('names the known extensions, in any case, with their preview', () => {
    expect(typeOf('sunset.JPG')).toEqual({ label: 'JPEG image', preview: 'image' });
    expect(typeOf('clip.m4v')).toEqual({ label: 'MP4 video', preview: 'video' });
    expect(typeOf('memo.m4a')).toEqual({ label: 'AAC audio', preview: 'audio' });
  });

  it('names an unknown extension as it is, even one an object has as a property', () => {
    expect(typeOf('notes.txt')).toEqual({ label: 'TXT file', preview: null });
    expect(typeOf('odd.constructor')).toEqual({ label: 'CONSTRUCTOR file', preview: null });
    expect(typeOf('odd.__proto__')).toEqual({ label: '__PROTO__ file', preview: null });
    expect(typeOf('README')).toEqual({ label: 'File', preview: null });
  });
});
