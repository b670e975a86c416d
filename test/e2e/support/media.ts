// Small real media files made by the tests.
import { makeJpeg, makeMp4, PNG_BYTES } from '../../main/core/media/media-fixtures';

export const jpeg = (width = 320, height = 240) => makeJpeg(width, height);
export const mp4 = (mdatBytes = 2048) => makeMp4({ mdatBytes });
export const png = () => PNG_BYTES;
