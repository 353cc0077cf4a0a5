/**
 * Which text encoding a CSV file is in. Excel on Chinese Windows saves "CSV" in the ANSI code
 * page (GBK, of which GB18030 is the superset), "CSV UTF-8" with a BOM, and "Unicode text" as
 * UTF-16LE with a BOM; CRMs mostly write UTF-8 without one.
 *
 * Public API:
 *   SUPPORTED_ENCODINGS / SupportedEncoding / EncodingGuess   (declared in src/shared/import/import-schemas.ts)
 *   detectEncoding(sample, complete?): EncodingGuess   from the first bytes of the file (up to 1 MB; complete: the sample is the whole file)
 *   decodeSample(sample, encoding): string
 *
 * Order (decision): a BOM decides; else text that is valid UTF-8 is UTF-8 (GBK text is almost
 * never valid UTF-8, the reverse is common); else it is decoded as GB18030 (GBK and GB2312 are
 * subsets). Big5 bytes usually decode as GB18030 too, into nonsense: when fewer than 70% of the
 * double-byte Chinese characters fall in GB2312's hanzi block (where simplified text lives) and
 * the bytes are valid Big5, Big5 is guessed with medium confidence. The user can always override.
 */
import iconv from 'iconv-lite';
import { SUPPORTED_ENCODINGS, type EncodingGuess, type SupportedEncoding } from '../../shared/import/import-schemas';

export { SUPPORTED_ENCODINGS, type EncodingGuess, type SupportedEncoding };

export function isSupportedEncoding(name: string): name is SupportedEncoding {
  return (SUPPORTED_ENCODINGS as readonly string[]).includes(name);
}

export function bomOf(sample: Uint8Array): { encoding: SupportedEncoding; length: number } | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

export function decodeSample(sample: Uint8Array, encoding: SupportedEncoding): string {
  return iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), encoding === 'gbk' ? 'gb18030' : encoding);
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

/** Valid UTF-8, tolerating a character cut in half at the end of the sample. */
function isValidUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Share of double-byte hanzi that lie in GB2312's hanzi block (leads B0..F7, trails A1..FE). */
function gb2312Share(sample: Uint8Array): number {
  let hanzi = 0;
  let inGb2312 = 0;
  for (let i = 0; i < sample.length; ) {
    const lead = sample[i] ?? 0;
    if (lead < 0x81) {
      i++;
      continue;
    }
    const trail = sample[i + 1] ?? 0;
    // GB18030 four-byte sequences have a digit as the second byte.
    if (trail >= 0x30 && trail <= 0x39) {
      i += 4;
      hanzi++;
      continue;
    }
    // A1..A9 are punctuation and symbols in GBK: they say nothing about the script.
    if (lead < 0xa1 || lead > 0xa9) {
      hanzi++;
      if (lead >= 0xb0 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) inGb2312++;
    }
    i += 2;
  }
  return hanzi === 0 ? 1 : inGb2312 / hanzi;
}

/** Undecodable characters, not counting one cut off at the end of a sample that is not the whole file. */
function undecodable(sample: Uint8Array, encoding: SupportedEncoding, complete: boolean): number {
  const text = decodeSample(sample, encoding);
  const trimmed = complete ? text : text.replace(/\ufffd{1,3}$/, '');
  return countReplacements(trimmed);
}

export function detectEncoding(sample: Uint8Array, complete = true): EncodingGuess {
  const bom = bomOf(sample);
  if (bom) return { encoding: bom.encoding, basis: 'bom', confidence: 'high', undecodable: 0 };
  if (sample.every((byte) => byte < 0x80)) return { encoding: 'utf-8', basis: 'ascii_only', confidence: 'medium', undecodable: 0 };
  if (isValidUtf8(sample)) return { encoding: 'utf-8', basis: 'utf8_valid', confidence: 'high', undecodable: 0 };
  const gbErrors = undecodable(sample, 'gb18030', complete);
  const big5Errors = undecodable(sample, 'big5', complete);
  if (gbErrors === 0 && big5Errors === 0 && gb2312Share(sample) < 0.7) {
    return { encoding: 'big5', basis: 'big5_likely', confidence: 'medium', undecodable: 0 };
  }
  if (gbErrors === 0) return { encoding: 'gb18030', basis: 'gb18030_valid', confidence: 'high', undecodable: 0 };
  if (big5Errors === 0) return { encoding: 'big5', basis: 'big5_likely', confidence: 'medium', undecodable: 0 };
  return { encoding: 'gb18030', basis: 'nothing_fits', confidence: 'low', undecodable: gbErrors };
}
