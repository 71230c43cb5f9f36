import { InputError } from '../../model/index.js';

/**
 * Turns the bytes of a template into text. CloudFormation requires UTF-8; a UTF-8 byte order
 * mark is dropped, and UTF-16 with a byte order mark (what Windows editors save as "Unicode")
 * is decoded rather than rejected. Anything else that is not valid UTF-8 is an error with the
 * line of the first bad byte.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
export function decodeTemplateBytes(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return utf8(bytes, file);
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000'))
      throw new InputError('File is binary (contains NUL bytes), not a template', { file });
    return text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // The fatal decoder does not say where; decode leniently and find the first replacement.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const before = at < 0 ? lenient : lenient.slice(0, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new InputError('File is not valid UTF-8 (CloudFormation templates must be UTF-8)', {
      file,
      line,
      column,
    });
  }
}
