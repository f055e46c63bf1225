"""Replays the guarded `lr` expert of the online job trial by trial from its dumped state (development subject S002).

Dump (one TSV per task, learner and shift; written by the job with dump-lr.patch applied, see ../development-S002.md,
"h-lr"; columns): recording, cue (s), true class index (after an injected label swap), the job's predicted class
index, the guard's leader before the trial (lr / cal), the guard's recent errors of the calibrated and the lr expert,
the calibrated expert's prediction, the static features, the lr expert's (gain-adapted) features, then the lr
expert's state before the trial: weights, intercept, recent accuracy, λ, base step, L2, β, preconditioner P, classes.

`python3 replay_lr.py trials FILE` prints per trial the quantities of the rule in OnlineLogisticRegression: recent
error e before/after this trial, skill 1 − 2e, λ_eff (homeostatic memory, floor 4 = 2 trials per class), η_eff, the
margin before and after the step, |w|, x̃ᵀPx̃, the intercept; every step is checked against the next dumped state.

`python3 replay_lr.py rules DIR` replays the whole guarded run from the first dumped state under each rule and prints
trials right, accuracy of the guard and of lr alone over the last session, and the trials to recover (4 of 5 right,
every class present right, as OnlineAcceptance): `calibration-P` is the job's rule (checked against the job's
decisions), `remembered-M` preconditions with M⁻¹, M ← λ_eff·M + (1 − λ_eff)·x̃x̃ᵀ (the candidate e98e628),
`remembered-M-at-W` the same with the configured λ.
"""
import ast
import math
import sys

import numpy as np

LAST_RUN = {'hands-feet': 'R14', 'left-right': 'R12'}


def load(path):
    rows = []
    for line in open(path):
        c = line.rstrip('\n').split('\t')
        rows.append(dict(rec=c[0], cue=float(c[1]), label=int(c[2]), pred=int(c[3]), leader=c[4],
                         cal_err=float(c[5]), ada_err=float(c[6]), cal_pred=int(c[7]),
                         xs=np.array(ast.literal_eval(c[8])), x=np.array(ast.literal_eval(c[9])),
                         w=np.array(ast.literal_eval(c[10])), b=float(c[11]), acc=float(c[12]), lam=float(c[13]),
                         eta=float(c[14]), l2=float(c[15]), beta=float(c[16]), P=np.array(ast.literal_eval(c[17]))))
    return rows


def forgetting(lam, e, k=2, min_memory=4.0):
    """HomeostaticMemory.forgetting with lr's floor of 2 trials per class."""
    skill = 1 - e * k / (k - 1.0)
    max_memory = 1 / (1 - lam)
    if skill >= 1 or max_memory <= min_memory:
        return lam
    memory = min_memory if skill <= 0 else min(max_memory, max(min_memory, max_memory * skill))
    return 1 - 1 / memory


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def step(w, b, acc, M, r, x, y, rule):
    """One learn() of lr: returns (w, b, acc, M, details)."""
    xt = np.append(x, 1)
    m0 = w @ x + b
    acc = (1 - r['beta']) * acc + r['beta'] * (int(m0 > 0) == y)
    lam_eff = forgetting(r['lam'], 1 - acc)
    eta = r['eta'] * (1 - lam_eff) / (1 - r['lam'])
    if rule != 'calibration-P':
        lm = lam_eff if rule == 'remembered-M' else r['lam']
        M = lm * M + (1 - lm) * np.outer(xt, xt)
    P = np.linalg.inv(M)
    g = sigmoid(m0) - y
    theta = lam_eff * np.append(w, b) - eta * (P @ np.append(g * x + r['l2'] * w, g))
    w2, b2 = theta[:-1], theta[-1]
    return w2, b2, acc, M, dict(lam_eff=lam_eff, eta=eta, m0=m0, m1=w2 @ x + b2, q=xt @ P @ xt)


def trials(path):
    rows = load(path)
    print('trial run y guard-pred leader | lr-right cal-right | e-before e-after skill lam_eff eta_eff | margin-before'
          ' margin-after |w| xPx | intercept')
    for i, r in enumerate(rows):
        w, b, y = r['w'], r['b'], r['label']
        w2, b2, acc, _, d = step(w, b, r['acc'], np.linalg.inv(r['P']), r, r['x'], y, 'calibration-P')
        check = ''
        if i + 1 < len(rows):
            nxt = np.append(rows[i + 1]['w'], rows[i + 1]['b'])
            diff = np.max(np.abs(nxt - np.append(w2, b2))) / max(1.0, np.max(np.abs(nxt)))
            check = '' if diff < 1e-9 else f'  MISMATCH {diff:.1e}'
        print(f"{i:2d} {r['rec'][-3:]} {y} {r['pred']} {r['leader']:3s} | {int((d['m0'] > 0) == y)} "
              f"{int(r['cal_pred'] == y)} | {1 - r['acc']:.3f} {1 - acc:.3f} {1 - 2 * (1 - acc):+.2f} "
              f"{d['lam_eff']:.3f} {d['eta']:.3f} | {d['m0']:+8.2f} {d['m1']:+8.2f} {np.linalg.norm(w):6.2f} "
              f"{d['q']:6.2f} | {b:+7.2f}{check}")


def run(rows, rule):
    r0 = rows[0]
    w, b, acc, M = r0['w'].copy(), r0['b'], r0['acc'], np.linalg.inv(r0['P'])
    cal_err = ada_err = 0.0
    guard, alone = [], []
    for r in rows:
        y = r['label']
        lr_pred = int(w @ r['x'] + b > 0)
        pred = lr_pred if ada_err < cal_err else r['cal_pred']
        guard.append(pred == y)
        alone.append(lr_pred == y)
        cal_err = (1 - r['beta']) * cal_err + r['beta'] * (r['cal_pred'] != y)
        ada_err = (1 - r['beta']) * ada_err + r['beta'] * (lr_pred != y)
        w, b, acc, M, _ = step(w, b, acc, M, r, r['x'], y, rule)
    return guard, alone


def recovery(rows, right, start):
    for t in range(start + 4, len(rows)):
        window = range(t - 4, t + 1)
        present = {rows[i]['label'] for i in window}
        if sum(right[i] for i in window) >= 4 and present == {rows[i]['label'] for i in window if right[i]}:
            return t - start + 1
    return -1


def rules(directory):
    for task, last in LAST_RUN.items():
        for shift in ['none', 'swapped-labels', 'channel-gains']:
            rows = load(f'{directory}/{task}-lr-{shift}.tsv')
            start = next(i for i, r in enumerate(rows) if r['rec'].endswith(last))
            line = f'{task} {shift}'
            for rule in ['calibration-P', 'remembered-M', 'remembered-M-at-W']:
                guard, alone = run(rows, rule)
                if rule == 'calibration-P':
                    assert guard == [r['pred'] == r['label'] for r in rows], 'replay differs from the job'
                rec = recovery(rows, guard, start)
                line += (f' | {rule}: {sum(guard)}/30, last {np.mean(guard[start:]):.3f}, lr alone last '
                         f'{np.mean(alone[start:]):.3f}, recover {rec if rec > 0 else "no"}')
            print(line)


if __name__ == '__main__':
    {'trials': trials, 'rules': rules}[sys.argv[1]](sys.argv[2])
