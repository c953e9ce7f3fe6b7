#!/usr/bin/env python3
"""The scikit-learn alternative: TF-IDF character n-grams + average-link agglomerative clustering.
Obeys the `group --json` contract (labels left empty). usage: sklearn_group.py FILE"""
import sys, json
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import AgglomerativeClustering
lines=[l.rstrip('\n') for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
X=TfidfVectorizer(analyzer='char_wb', ngram_range=(2,4)).fit_transform(lines).toarray()
labels=AgglomerativeClustering(n_clusters=None, distance_threshold=0.8, metric='cosine', linkage='average').fit_predict(X)
groups={}
for i,l in enumerate(labels): groups.setdefault(int(l),[]).append(i)
print(json.dumps({"groups":[{"label":"","items":v} for v in groups.values()]}))
