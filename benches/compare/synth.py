#!/usr/bin/env python3
"""Deterministic synthetic ideas from word lists (no workshop text). usage: synth.py N > FILE"""
import random, sys

NL = "trots werk collega klant tijd rooster vacature LinkedIn borrel training compliment leiding team post delen werving stagiair uren waardering evenement netwerk foto verhaal kantoor patiënt zorg vrijwilliger sponsor website nieuwsbrief werkdruk budget regels privacy".split()
EN = "proud work colleague client time schedule vacancy LinkedIn drinks training praise management team post share hiring intern hours recognition event network photo story office patient care volunteer sponsor website newsletter workload budget rules privacy".split()
GLUE = "op met voor over the and of our een a meer beter more better extra new".split()

random.seed(5)
for _ in range(int(sys.argv[1])):
    w = random.choice([NL, EN])
    t = random.randrange(len(w))
    words = [w[t]] + [random.choice([random.choice(GLUE), random.choice(w), w[(t + random.randrange(3)) % len(w)]])
                      for _ in range(random.randint(3, 8))]
    print(" ".join(words))
