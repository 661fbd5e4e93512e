#!/usr/bin/python3
"""Baselines for the Marsad text classifier on the same split, in the same run.

Reads the split exported by bench/classify-export-split.ts (normalised text) from DIR, trains
scikit-learn TF-IDF + LogisticRegression and fastText (the Debian `fasttext` CLI), and prints one
table with Marsad's own figures (DIR/marsad.json, DIR/marsad.pred). Usage: classify-baselines.py DIR
"""
import json
import os
import resource
import subprocess
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from scipy.sparse import hstack

D = sys.argv[1] if len(sys.argv) > 1 else '/tmp/marsad-classify-bench'


def read_jsonl(p):
    with open(p, encoding='utf-8') as f:
        return [json.loads(l) for l in f]


train = read_jsonl(os.path.join(D, 'train.jsonl'))
dev = read_jsonl(os.path.join(D, 'dev.jsonl'))
y_dev = [r['label'] for r in dev]


def binary_macro(pred, langs=None):
    out = {}
    for lang in sorted(set(r['lang'] for r in dev)):
        idx = [i for i, r in enumerate(dev) if r['lang'] == lang]
        if len(idx) < 50:
            continue
        t = [y_dev[i] == 'extremist' for i in idx]
        p = [pred[i] == 'extremist' for i in idx]
        out[lang] = f1_score(t, p, average='macro')
    return out


def summarise(name, pred, per_second, train_s, size, load_s):
    news = [i for i, y in enumerate(y_dev) if y == 'news']
    return {
        'name': name,
        'macroF1': f1_score(y_dev, pred, average='macro'),
        'binary': binary_macro(pred),
        'newsAsExtremist': sum(pred[i] == 'extremist' for i in news) / max(1, len(news)),
        'perSecond': per_second,
        'trainSeconds': train_s,
        'modelBytes': size,
        'loadSeconds': load_s,
    }


results = []


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# --- scikit-learn TF-IDF (word 1-2 + char_wb 2-5) + LogisticRegression ---
t0 = time.process_time()
wv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=500000)
cv = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=1000000)
Xw = wv.fit_transform([r['text'] for r in train])
Xc = cv.fit_transform([r['text'] for r in train])
X = hstack([Xw, Xc]).tocsr()
clf = LogisticRegression(max_iter=300, C=10, class_weight='balanced')
clf.fit(X, [r['label'] for r in train])
sk_train = time.process_time() - t0
texts = [r['text'] for r in dev]
t0 = time.process_time()
Xd = hstack([wv.transform(texts), cv.transform(texts)]).tocsr()
sk_pred = list(clf.predict(Xd))
sk_secs = time.process_time() - t0
import pickle
blob = pickle.dumps((wv, cv, clf))
results.append(summarise('sklearn tfidf+LR', sk_pred, len(dev) / sk_secs, sk_train, len(blob), None))

# --- fastText CLI (word 1-2-grams + char 2-5 subwords), single thread ---
ft = 'fasttext'
t0 = child_cpu()
subprocess.run([ft, 'supervised', '-input', os.path.join(D, 'train.ft'), '-output', os.path.join(D, 'ft'), '-wordNgrams', '2',
                '-minn', '2', '-maxn', '5', '-epoch', '10', '-lr', '0.5', '-dim', '50', '-thread', '1', '-verbose', '0'], check=True)
ft_train = child_cpu() - t0
one = os.path.join(D, 'one.ft')
with open(one, 'w', encoding='utf-8') as f:
    f.write(open(os.path.join(D, 'dev.ft'), encoding='utf-8').readline())


# CPU time of the child (the machine is shared, so wall time mostly measures the other users)
t0 = child_cpu()
w0 = time.time()
subprocess.run([ft, 'predict', os.path.join(D, 'ft.bin'), one], check=True, capture_output=True)
ft_load = child_cpu() - t0
ft_load_wall = time.time() - w0
t0 = child_cpu()
out = subprocess.run([ft, 'predict', os.path.join(D, 'ft.bin'), os.path.join(D, 'dev.ft')], check=True, capture_output=True, text=True).stdout
ft_total = child_cpu() - t0
ft_pred = [l.replace('__label__', '').strip() for l in out.strip().split('\n')]
results.append(summarise('fastText', ft_pred, len(dev) / max(1e-6, ft_total - ft_load), ft_train, os.path.getsize(os.path.join(D, 'ft.bin')), ft_load_wall))

# --- Marsad (scored by the exporter; argmax labels) ---
m = json.load(open(os.path.join(D, 'marsad.json')))
m_pred = open(os.path.join(D, 'marsad.pred'), encoding='utf-8').read().split('\n')[: len(dev)]
results.insert(0, summarise('marsad', m_pred, m['perSecond'], m['trainSeconds'], m['modelBytes'], m['loadSeconds']))

json.dump(results, open(os.path.join(D, 'baselines.json'), 'w'), indent=2)
langs = sorted({k for r in results for k in r['binary']})
head = ['model', 'macro-F1 (3 labels)'] + [f'extremist-vs-rest macro-F1 {l}' for l in langs] + ['news→extremist', 'texts/CPU-s (1 thread)', 'train CPU s', 'size MB', 'load s (wall)']
print('| ' + ' | '.join(head) + ' |')
print('|' + '---|' * len(head))
for r in results:
    cells = [r['name'], f"{r['macroF1']:.4f}"] + [f"{r['binary'].get(l, float('nan')):.4f}" for l in langs] + [
        f"{r['newsAsExtremist']:.4f}", f"{r['perSecond']:,.0f}", f"{r['trainSeconds']:.1f}" if r['trainSeconds'] else '—',
        f"{r['modelBytes'] / 1e6:.1f}", f"{r['loadSeconds']:.3f}" if r['loadSeconds'] is not None else '—']
    print('| ' + ' | '.join(cells) + ' |')
print(f"\ndev rows: {len(dev)}; train rows: {len(train)}; all in CPU time of one thread; sklearn's includes vectorising; fastText's excludes its model load ({ft_load:.2f} CPU s)")
