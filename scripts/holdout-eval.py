#!/usr/bin/env python3
"""Score a secretguard binary on a labelled hold-out set.

usage: eval.py SETDIR BINARY [extra check args, e.g. --include-tests] [-v]
A label is matched by a finding in the same file whose line span covers it
(start line within +-1 tolerated). Findings on unlabelled lines count as false
positives (and are listed with -v). Test vectors are excluded from both sides.
"""
import csv, json, os, subprocess, sys
from collections import defaultdict

args = [a for a in sys.argv[1:] if a != '-v']
verbose = '-v' in sys.argv
setdir, binary, extra = args[0], args[1], args[2:]
files = os.path.join(setdir, 'files')
out = subprocess.run([binary, 'check', '--format', 'json', *extra, '.'], cwd=files,
                     capture_output=True, text=True)
if out.returncode not in (0, 1):
    sys.exit(f'check failed ({out.returncode}): {out.stderr[:2000]}')
report = json.loads(out.stdout)
if report.get('errors'):
    print('errors:', report['errors'], file=sys.stderr)
findings = defaultdict(list)
for f in report['findings']:
    p = os.path.normpath(f['path'])
    findings[p].append(f)

labels = []
with open(os.path.join(setdir, 'labels.tsv')) as fh:
    for row in csv.DictReader(fh, delimiter='\t'):
        try:
            row['line'] = int(row['line'])
        except (ValueError, TypeError):
            continue
        row['file'] = os.path.normpath(row['file'])
        labels.append(row)

def covers(f, line, tol):
    return f['line'] - tol <= line <= f['end_line'] + tol

by_file = defaultdict(list)
for lab in labels:
    by_file[lab['file']].append(lab)

def labels_of(f):
    labs = by_file.get(os.path.normpath(f['path']), [])
    for tol in (0, 1):
        hit = [l for l in labs if covers(f, l['line'], tol)]
        if hit:
            return hit
    return []

# precision per finding: true if it sits on a secret, excluded on a test
# vector, false on a benign label or on no label at all
tp_f = fp = 0
matched = set()
false_pos, unl = [], []
for fs in findings.values():
    for f in fs:
        labs = labels_of(f)
        kinds = {l['label'].strip() for l in labs}
        for l in labs:
            matched.add(id(l))
        if 'secret' in kinds:
            tp_f += 1
        elif 'test-vector' in kinds:
            pass
        elif labs:
            fp += 1; false_pos.append((labs[0], f))
        else:
            fp += 1; unl.append(f)
# recall per secret label
tp = fn = 0
by_test = defaultdict(lambda: [0, 0])
missed = []
for lab in labels:
    if lab['label'].strip() != 'secret':
        continue
    t = lab['test'].strip()
    by_test[t][1] += 1
    if id(lab) in matched:
        tp += 1; by_test[t][0] += 1
    else:
        fn += 1; missed.append(lab)
p = tp_f / (tp_f + fp) if tp_f + fp else 1.0
r = tp / (tp + fn) if tp + fn else 1.0
print(f'{setdir}: findings {len(report["findings"])}  true {tp_f}  false {fp} (benign {len(false_pos)}, unlabelled {len(unl)})  secrets found {tp}  missed {fn}')
print(f'precision {p:.3f}  recall {r:.3f}')
for t, (a, b) in sorted(by_test.items()):
    print(f'  test={t}: {a}/{b} = {a / b:.0%}')
if verbose:
    for lab in missed:
        print('MISS', lab['file'], lab['line'], lab['test'], lab.get('note', ''))
    for lab, f in false_pos:
        print('FP  ', lab['file'], lab['line'], f['rule'], lab.get('note', ''))
    for f in unl:
        print('UNL ', f['path'], f['line'], f['rule'], f['message'])
