#!/usr/bin/env python3
"""Deterministic, varied workshop-like ideas in English and Dutch (one a line), for
benchmarks: `scripts/gen-ideas.py 1000 > ideas.txt`. Themes, subjects, verbs and
endings are combined by a seeded generator, so a size always gives the same lines."""
import random
import sys

EN = {
    "subjects": ["we", "our team", "new colleagues", "the managers", "everyone", "the night shift",
                 "volunteers", "junior staff", "our clients", "the planners", "drivers", "nurses"],
    "themes": [
        ("want", ["more time for training", "a mentor in the first month", "clear rules for posting online",
                  "fewer meetings on Monday", "flexible working hours", "a quiet room to focus"]),
        ("share", ["photos of the summer party", "stories about our customers", "job openings with friends",
                   "what we learned this year", "the results of the survey", "tips for new people"]),
        ("are proud of", ["the care we give", "how we handled the busy season", "our safety record",
                          "the new warehouse", "the way we help each other", "our patient reviews"]),
        ("would rather not", ["post about work on social media", "work late on Fridays",
                              "travel for every meeting", "fill in the same form twice"]),
        ("miss", ["lunch together", "feedback from the board", "a proper coffee machine",
                  "time to talk with the team", "recognition for good work"]),
        ("ask for", ["better parking near the office", "a budget for courses", "a buddy for newcomers",
                     "more say in the roster", "a newsletter that is short"]),
    ],
    "adverbs": ["", "", "really", "also", "still", "honestly", "sometimes", "all"],
    "endings": ["", "", "every week", "after work", "at the office", "on the intranet",
                "with the whole team", "once a month", "if possible", "this year"],
}
NL = {
    "subjects": ["we", "ons team", "nieuwe collega's", "de leiding", "iedereen", "de nachtdienst",
                 "vrijwilligers", "stagiairs", "onze klanten", "de planners", "chauffeurs", "verpleegkundigen"],
    "themes": [
        ("willen", ["meer tijd voor opleiding", "een mentor in de eerste maand", "duidelijke afspraken over posten",
                    "minder vergaderingen op maandag", "flexibele werktijden", "een stille ruimte om te werken"]),
        ("delen graag", ["foto's van het zomerfeest", "verhalen over onze klanten", "vacatures met vrienden",
                         "wat we dit jaar leerden", "de uitkomst van de enquête", "tips voor nieuwe mensen"]),
        ("zijn trots op", ["de zorg die we geven", "hoe we de drukke periode aanpakten", "onze veiligheid",
                           "het nieuwe magazijn", "hoe we elkaar helpen", "de reacties van patiënten"]),
        ("willen liever niet", ["over werk posten op sociale media", "laat werken op vrijdag",
                                "voor elke vergadering reizen", "hetzelfde formulier twee keer invullen"]),
        ("missen", ["samen lunchen", "feedback van het bestuur", "een goede koffiemachine",
                    "tijd om met het team te praten", "waardering voor goed werk"]),
        ("vragen om", ["betere parkeerplekken bij kantoor", "budget voor cursussen", "een maatje voor nieuwkomers",
                       "meer inspraak in het rooster", "een korte nieuwsbrief"]),
    ],
    "adverbs": ["", "", "echt", "ook", "nog steeds", "eerlijk gezegd", "soms", "allemaal"],
    "endings": ["", "", "elke week", "na het werk", "op kantoor", "op intranet",
                "met het hele team", "een keer per maand", "als het kan", "dit jaar"],
}


def line(rng):
    lang = EN if rng.random() < 0.5 else NL
    verb, objects = rng.choice(lang["themes"])
    parts = [rng.choice(lang["subjects"]), rng.choice(lang["adverbs"]), verb, rng.choice(objects), rng.choice(lang["endings"])]
    text = " ".join(p for p in parts if p)
    return text[0].upper() + text[1:]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 23
    rng = random.Random(seed)
    for _ in range(n):
        print(line(rng))


if __name__ == "__main__":
    main()
