#!/usr/bin/env python3
"""Writes a generated programme of session files (format 5) for `ambassador themes`:
N sessions of teams in one programme, each with ideas on the four questions, a board of
groups with a marked denominator, private pulse ballots and actions with dates.

Usage: gen-programme.py BASE.ron OUT_DIR SESSIONS IDEAS_PER_SESSION [--archive] [--seed N]
BASE.ron is a fresh session file (`ambassador new --no-open`), whose workshop is copied.
With --archive the files look like anonymous archive copies: participants are tokens and
actions have no owner. The texts are combined from the word lists below (made up here)."""
import random, re, sys, datetime

THEMES = [
    (["new colleagues", "onboarding", "the first week of a newcomer"], ["feel welcome", "get a buddy", "need a clear plan"]),
    (["training budget", "courses", "learning on the job"], ["should be easier to use", "helps us grow", "is hard to find time for"]),
    (["our patients", "the people we care for", "clients"], ["notice when we are proud", "deserve our full attention", "tell us what works"]),
    (["the roster", "planning of shifts", "the schedule"], ["leaves no room to breathe", "changes too late", "should be fairer"]),
    (["LinkedIn posts", "our own stories online", "social media"], ["show what we really do", "attract new people", "feel awkward at first"]),
    (["the team meeting", "our weekly huddle", "the Monday check-in"], ["is where ideas start", "runs too long", "needs a clear agenda"]),
    (["the managers", "team leads", "our supervisors"], ["listen when we speak up", "should visit the floor more", "back us in hard moments"]),
    (["recognition", "a simple thank you", "praise from colleagues"], ["keeps us going", "is rare on busy days", "matters more than money"]),
    (["the building", "our workplace", "the break room"], ["could be brighter", "needs quiet corners", "is shared too thinly"]),
    (["job openings", "vacancies", "referrals of friends"], ["spread through our network", "fill faster with our help", "need a short text to share"]),
    (["workload", "pressure at peak hours", "the pile of paperwork"], ["wears people out", "hides the good work", "must be talked about"]),
    (["collaboration with other teams", "the other departments", "handovers between shifts"], ["break down at the edges", "improve with one contact person", "need shared rules"]),
    (["pride in our work", "the quality of care", "craftsmanship"], ["is what we tell friends about", "shows in small details", "is why we stay"]),
    (["open days", "school visits", "internships"], ["let students see us at work", "bring in future colleagues", "ask little effort from us"]),
    (["digital tools", "the new software", "the tablet on the ward"], ["cost time to learn", "should save steps", "crash at the worst moment"]),
    (["health and energy", "sick leave", "rest between shifts"], ["needs attention from all of us", "is under pressure", "improves with fewer night shifts"]),
    (["career paths", "growing into a new role", "promotion chances"], ["are not visible enough", "keep talent inside", "deserve a yearly talk"]),
    (["the mission of the organisation", "our shared goals", "the story of who we are"], ["should be told in plain words", "connects us", "feels far from daily work"]),
    (["volunteers", "family of residents", "neighbours of the site"], ["are part of our story", "see more than we think", "could be invited in"]),
    (["feedback", "honest conversations", "speaking up about mistakes"], ["needs a safe place", "makes the team stronger", "should happen every week"]),
]
MODIFIERS = ["", "", "in our team", "every week", "more often", "for everyone", "right now",
             "in my view", "on the evening shift", "this year", "at our location", "again and again"]
POSTFIX = ["", "", "", " — really", " and that is important", " if you ask me"]
PULSE = ["right_place", "enjoy_work", "time_space_attention"]
WHEN = ["12-3", "5 december 2026", "2026-01-15", "1 mei", "after the summer", "next month",
        "3 feb 2027", "15/6", "in Q2", "2026-10-01"]
WHAT = ["Share one story a month", "Invite a student for a day", "Post a vacancy in our network",
        "Start the huddle with a thank you", "Ask for a quiet corner", "Plan a buddy for each newcomer",
        "Write a short text about our work", "Visit the other department", "Review the roster rules",
        "Hold a feedback round"]


def idea(rng):
    subjects, predicates = rng.choice(THEMES)
    mod = rng.choice(MODIFIERS)
    text = f"{rng.choice(subjects)} {rng.choice(predicates)}"
    if mod:
        text = f"{text} {mod}" if rng.random() < 0.6 else f"{mod}, {text}"
    text = text[0].upper() + text[1:] + rng.choice(POSTFIX)
    return text, THEMES.index((subjects, predicates))


def esc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    base_path, out_dir, n, per = args[0], args[1], int(args[2]), int(args[3])
    archive = "--archive" in sys.argv
    seed = 7
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
    rng = random.Random(seed)
    base = open(base_path, encoding="utf-8").read()
    teams = [f"Team {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
    start = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.timezone.utc)
    for s in range(n):
        team = teams[s % len(teams)]
        when = start + datetime.timedelta(days=(s * 300) // max(n, 1), minutes=s)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        sid = f"{when:%Y-%m-%d}-s{s:04d}"
        people = rng.randint(4, 9)
        names = [f"p{s}x{k}" if archive else f"Person {k + 1} of {team}" for k in range(people)]
        next_id = people + 1
        steps = {"q1": [], "q2": [], "q3": [], "q4": []}
        by_theme = {}
        for k in range(per):
            text, theme = idea(rng)
            step = "q%d" % (k % 4 + 1)
            iid = next_id; next_id += 1
            steps[step].append(f'(id: {iid}, participant: {rng.randint(1, people)}, text: "{esc(text)}", at: "{stamp}")')
            by_theme.setdefault(theme, []).append(iid)
        groups, denoms = [], []
        for theme, ids in sorted(by_theme.items(), key=lambda x: -len(x[1])):
            gid = next_id; next_id += 1
            label = THEMES[theme][0][0]
            groups.append(f'(id: {gid}, label: "{esc(label)}", ideas: [{", ".join(map(str, ids))}])')
            if len(denoms) < 2:
                denoms.append(f'(group: {gid}, label: "{esc(label)}")')
        ballots = ", ".join(
            f'"b{s}-{k}": (scores: {{{", ".join(f"{chr(34)}{p}{chr(34)}: {rng.randint(2, 5)}" for p in PULSE)}}})'
            for k in range(people))
        acts = []
        for k in range(rng.randint(1, 3)):
            aid = next_id; next_id += 1
            who = "" if archive else names[rng.randrange(people)]
            acts.append(f'(id: {aid}, what: "{rng.choice(WHAT)}", who: "{esc(who)}", when: "{rng.choice(WHEN)}")')
        results = "{\n"
        for step, ideas in steps.items():
            results += f'        "{step}": (ideas: [{", ".join(ideas)}]),\n'
        results += f'        "common_ground": (groups: [{", ".join(groups)}], denominators: [{", ".join(denoms)}]),\n'
        results += f'        "pulse": (ballots: {{{ballots}}}, revealed: true),\n'
        results += f'        "bridge": (actions: [{", ".join(acts)}]),\n    }}'
        text = base
        text = re.sub(r'    id: "[^"]*",', f'    id: "{sid}",', text, count=1)
        text = re.sub(r'    title: "[^"]*",', f'    title: "Session {s + 1}",\n    team: "{team}",\n    programme: "Ambassadors 2026",', text, count=1)
        text = re.sub(r'    created: "[^"]*",', f'    created: "{stamp}",', text, count=1)
        text = re.sub(r'    updated: "[^"]*",', f'    updated: "{stamp}",', text, count=1)
        parts = ", ".join(f'(id: {k + 1}, name: "{esc(nm)}")' for k, nm in enumerate(names))
        text = re.sub(r'    participants: \[.*?\n    \],', f'    participants: [{parts}],', text, count=1, flags=re.S)
        text = text.replace("    results: {},", f"    results: {results},", 1)
        text = re.sub(r'    pulse_mode: \w+,', '    pulse_mode: private,', text, count=1)
        text = re.sub(r'    next_id: \d+,', f'    next_id: {next_id},', text, count=1)
        text = re.sub(r'    focus: [^\n]*,', '    focus: Some(1),', text, count=1)
        with open(f"{out_dir}/{sid}.ron", "w", encoding="utf-8") as f:
            f.write(text)


main()
