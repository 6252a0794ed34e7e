// @ts-check
// Where an input is cut into shards: after line breaks outside quotes, found by workers scanning ranges of it side by side.
const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The end of the header record in the input's first bytes: the first line feed outside quotes after a line with something
 * on it. 0 when these bytes hold no complete header record.
 */
export function headerEnd(bytes) {
  let quotes = 0;
  let content = false;
  let from = 0;
  for (let lineFeed = bytes.indexOf(LINE_FEED); lineFeed >= 0; lineFeed = bytes.indexOf(LINE_FEED, from)) {
    for (let i = from; i < lineFeed && !content; i++) {
      content = bytes[i] !== CARRIAGE_RETURN;
    }
    quotes += countQuotes(bytes, from, lineFeed);
    from = lineFeed + 1;
    if (content && quotes % 2 === 0) {
      return from;
    }
  }
  return 0;
}

/**
 * What one range of an input (starting at byte <base> of it) tells about cutting, taken a chunk at a time as the range is
 * read: its quote count, when <countAll>, and for either parity of the quotes before it the place after its first line feed
 * outside quotes (null when it has none). The first range needs no places and the last no count, so a worker scans only
 * what the cuts need.
 */
export class RangeScan {
  /** @param {number} base @param {{ countAll?: boolean, findPlaces?: boolean }} what */
  constructor(base, { countAll = true, findPlaces = true } = {}) {
    this.base = base;
    this.countAll = countAll;
    this.findPlaces = findPlaces;
    this.quotes = 0;
    /** @type {[number | null, number | null]} */
    this.places = [null, null];
    this.scanned = 0;
  }

  /** Takes the range's next bytes. @param {Uint8Array} chunk */
  add(chunk) {
    let from = 0;
    // A line feed is outside quotes when the quotes before it, in this range and before it, add up to an even number.
    while (this.placesMissing()) {
      const lineFeed = chunk.indexOf(LINE_FEED, from);
      if (lineFeed < 0) {
        break;
      }
      this.quotes += countQuotes(chunk, from, lineFeed);
      this.places[this.quotes % 2] ??= this.base + this.scanned + lineFeed + 1;
      from = lineFeed + 1;
    }
    // Places still missing are found in later chunks, which need the quotes of this one.
    if (this.countAll || this.placesMissing()) {
      this.quotes += countQuotes(chunk, from, chunk.length);
    }
    this.scanned += chunk.length;
    return this;
  }

  placesMissing() {
    return this.findPlaces && (this.places[0] === null || this.places[1] === null);
  }

  result() {
    return { quotes: this.countAll ? this.quotes : null, placeIfEven: this.places[0], placeIfOdd: this.places[1] };
  }
}

/**
 * Joins the scans of consecutive ranges into cuts: each range after the first is cut at its first line feed outside quotes
 * (or, with none, the next range's), past the header and the cut before it, and short of the end. Where no such place is
 * left the input gets fewer shards; a wrong guess about quotes makes ShardedDiff decline, never answer differently.
 */
export function cutsFrom(scans, header, total) {
  const cuts = [];
  const parityBefore = [];
  let parity = 0;
  for (const scan of scans) {
    parityBefore.push(parity);
    parity = (parity + (scan.quotes ?? 0)) % 2;
  }
  for (let i = 1; i < scans.length; i++) {
    const found = scans.slice(i).map((scan, j) => (parityBefore[i + j] === 0 ? scan.placeIfEven : scan.placeIfOdd)).find((place) => place !== null);
    if (found !== undefined && found > (cuts.at(-1) ?? header) && found < total) {
      cuts.push(found);
    }
  }
  return cuts;
}

// Quoted text holds a quote every few bytes, where an indexOf call per quote costs more than looking at every byte. Four
// bytes are looked at at once: XOR with four quotes turns each quote into a zero byte, the usual bit trick marks zero
// bytes with their top bit, and one multiply adds up the marks.
export function countQuotes(bytes, from, to) {
  let count = 0;
  let i = from;
  for (; i < to && (bytes.byteOffset + i) % 4 !== 0; i++) {
    count += bytes[i] === QUOTE ? 1 : 0;
  }
  const wordCount = i < to ? (to - i) >> 2 : 0;
  const words = wordCount > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount) : [];
  for (let w = 0; w < wordCount; w++) {
    const x = words[w] ^ 0x22222222;
    const zeros = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
    count += Math.imul((zeros >>> 7) & 0x01010101, 0x01010101) >>> 24;
  }
  for (i += wordCount * 4; i < to; i++) {
    count += bytes[i] === QUOTE ? 1 : 0;
  }
  return count;
}
