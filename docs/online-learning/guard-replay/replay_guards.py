"""Replays guard rules over the per-trial expert scores dumped from the online job (development subject S002).

The guard's adaptive expert learns from every trial whichever expert decides, so the experts' outputs do not depend
on the guard rule, and a replay of any rule over the dumped scores is what the job would have decided with it. The
replay of the job's own rule (A) is checked against the job's decisions and scores, trial by trial.

Dump (one TSV per task, learner and shift; written by the job with dump-experts.patch applied, see
../development-S002.md, "h-guard4"): learner class, recording, cue (s), true class index (after an injected label
swap), the job's predicted class index, E1 = calibrated LDA's decision on the static features, E2 = the same LDA on
the gain-adapted features, E3 = the learner's decision on the gain-adapted features, the job's decision score, the
calibrated LDA's mean within-class variance trace(Σ)/p.

Class probabilities (two classes, P(class 1)): E1, E2 and the lda / lr learners: the logistic function of the
decision (scikit-learn's predict_proba for binary LDA and logistic regression). ncm: its decision is d0² − d1²
(squared Euclidean distances to the class means); the probability is that of the Gaussian model whose Bayes rule ncm
is, equal priors and a shared isotropic covariance σ²·I, σ² = trace(Σ)/p of the calibrated LDA:
logistic((d0² − d1²) / (2σ²)). Every probability is clipped to [1e-3, 1 − 1e-3].

Candidates (fixed before the replay): A, follow the leader over {E1, E3} with exponentially discounted 0/1 losses
(β = 0.2, ties to E1; the job's rule); B, fixed share (Herbster & Warmuth 1998) over {E1, E3}, η = 1 (log-loss
weights), α = 1/W = 1/15, prior (1 − α, α); C, the same over {E1, E2, E3}, prior (1 − 2α, α, α). B and C decide by
the argmax of the weighted mixture of the experts' probabilities, ties to E1.

Usage: python3 replay_guards.py DUMP_DIR > replay.md
"""
import glob
import math
import os
import sys

BETA = 0.2
W = 15
ALPHA = 1.0 / W
CLIP = 1e-3
LAST_RUN = {'hands-feet': 'R14', 'left-right': 'R12'}
TASKS = ['hands-feet', 'left-right']
SHIFTS = ['none', 'swapped-labels', 'channel-gains']
LEARNERS = ['lda', 'ncm', 'lr']
CANDIDATES = ['A', 'B', 'C']


def logistic(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            rows.append(dict(kind=c[0], rec=c[1], y=int(c[3]), pred=int(c[4]), d=[float(c[5]), float(c[6]),
                             float(c[7])], score=float(c[8]), var=float(c[9])))
    return rows


def probabilities(r):
    """P(class 1) of E1, E2, E3, clipped."""
    d3 = r['d'][2] / (2 * r['var']) if r['kind'] == 'RunningNearestMean' else r['d'][2]
    return [min(1 - CLIP, max(CLIP, logistic(z))) for z in (r['d'][0], r['d'][1], d3)]


def follow_the_leader(rows):
    """Candidate A (the job's rule): decisions and the leader's score per trial."""
    e1 = e3 = 0.0
    out = []
    for r in rows:
        d = r['d'][2] if e3 < e1 else r['d'][0]
        out.append((1 if d > 0 else 0, d))
        e1 = (1 - BETA) * e1 + BETA * ((1 if r['d'][0] > 0 else 0) != r['y'])
        e3 = (1 - BETA) * e3 + BETA * ((1 if r['d'][2] > 0 else 0) != r['y'])
    return out


def fixed_share(rows, experts, prior):
    """Candidates B and C: decisions, the mixture's P(class 1) and the normalised weights before each trial."""
    w = list(prior)
    n = len(experts)
    out = []
    for r in rows:
        p = [probabilities(r)[i] for i in experts]
        total = sum(w)
        mix = sum(wi * pi for wi, pi in zip(w, p)) / total
        decision = 1 if mix > 0.5 else 0 if mix < 0.5 else (1 if r['d'][0] > 0 else 0)
        out.append((decision, mix, [wi / total for wi in w]))
        v = [wi * (pi if r['y'] == 1 else 1 - pi) for wi, pi in zip(w, p)]  # η = 1: w·exp(−log loss)
        total = sum(v)
        v = [vi / total for vi in v]
        w = [(1 - ALPHA) * v[i] + ALPHA / (n - 1) * (1 - v[i]) for i in range(n)]  # share α among the others
    return out


def decisions(rows, candidate):
    if candidate == 'static':
        return [1 if r['d'][0] > 0 else 0 for r in rows]
    if candidate == 'A':
        return [d for d, _ in follow_the_leader(rows)]
    if candidate == 'B':
        return [d for d, _, _ in fixed_share(rows, [0, 2], [1 - ALPHA, ALPHA])]
    return [d for d, _, _ in fixed_share(rows, [0, 1, 2], [1 - 2 * ALPHA, ALPHA, ALPHA])]


def recovery(correct, labels, start):
    """OnlineAcceptance.Outcome.recoveryTrials: 4 of the last 5 right, each class present right at least once."""
    for t in range(start + 4, len(correct)):
        window = range(t - 4, t + 1)
        if sum(correct[i] for i in window) >= 4 and \
                {labels[i] for i in window} == {labels[i] for i in window if correct[i]}:
            return t - start + 1
    return -1


def main(dump):
    runs = {}
    mismatches = 0
    for task in TASKS:
        for shift in SHIFTS:
            for learner in LEARNERS:
                rows = load(os.path.join(dump, '%s-%s-%s.tsv' % (task, learner, shift)))
                for (d, s), r in zip(follow_the_leader(rows), rows):
                    mismatches += d != r['pred'] or s != r['score']
                runs[(task, shift, learner)] = rows
    print('Replay of A against the job: %d of %d trials differ in decision or score.\n' % (
        mismatches, sum(len(r) for r in runs.values())))

    stats = {}
    print('| task | shift | learner | static | A (follow the leader) | B (fixed share E1, E3) | C (fixed share E1, E2,'
          ' E3) |')
    print('|---|---|---|---|---|---|---|')
    for (task, shift, learner), rows in runs.items():
        labels = [r['y'] for r in rows]
        start = next(i for i, r in enumerate(rows) if r['rec'].endswith(LAST_RUN[task]))
        cells = []
        for c in ['static'] + CANDIDATES:
            correct = [int(d == y) for d, y in zip(decisions(rows, c), labels)]
            rec = recovery(correct, labels, start)
            stats[(task, shift, learner, c)] = (sum(correct), sum(correct[start:]) / (len(rows) - start), rec)
            cells.append('%.3f / %.3f, %s' % (sum(correct) / len(rows), sum(correct[start:]) / (len(rows) - start),
                                               'no' if rec < 0 else rec))
        print('| %s | %s | %s | %s |' % (task, shift, learner, ' | '.join(cells)))

    print('\n| candidate | trials vs static without a shift (hands-feet lda, ncm, lr; left-right lda, ncm, lr) |'
          ' discarded (any < −1) | shifted runs recovered (of 12) | mean accuracy over the shifted sessions |')
    print('|---|---|---|---:|---:|')
    for c in CANDIDATES:
        diffs = [stats[(t, 'none', l, c)][0] - stats[(t, 'none', l, 'static')][0] for t in TASKS for l in LEARNERS]
        shifted = [(t, s, l) for t in TASKS for s in SHIFTS[1:] for l in LEARNERS]
        recovered = sum(stats[k + (c,)][2] >= 0 for k in shifted)
        mean = sum(stats[k + (c,)][1] for k in shifted) / len(shifted)
        print('| %s | %s | %s | %d | %.3f |' % (c, ', '.join('%+d' % d for d in diffs),
                                               'yes' if min(diffs) < -1 else 'no', recovered, mean))

    print('\nExperts alone, without a shift (trials right of 30; mean log loss of the clipped probabilities):\n')
    print('| task | learner | E1 calibrated, static features | E2 calibrated, gain-adapted | E3 learner, gain-adapted |'
          ' B: decisions that differ from E1 | B: weight on E3 before trials 10, 20, 30 |')
    print('|---|---|---|---|---|---:|---|')
    for task in TASKS:
        for learner in LEARNERS:
            rows = runs[(task, 'none', learner)]
            cells = []
            for i in range(3):
                q = [probabilities(r)[i] if r['y'] == 1 else 1 - probabilities(r)[i] for r in rows]
                cells.append('%d, %.2f' % (sum(x > 0.5 for x in q), -sum(math.log(x) for x in q) / len(q)))
            b = fixed_share(rows, [0, 2], [1 - ALPHA, ALPHA])
            differ = sum(d != (1 if r['d'][0] > 0 else 0) for (d, _, _), r in zip(b, rows))
            print('| %s | %s | %s | %d | %s |' % (task, learner, ' | '.join(cells), differ,
                                                  ', '.join('%.2f' % b[t][2][1] for t in (9, 19, 29))))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/s002-guard4-dump')
