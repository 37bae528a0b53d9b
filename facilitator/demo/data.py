"""What the people in the demo said: a co-production group designing a crisis sanctuary.

The setting follows the guidance's own example: an out-of-hours crisis sanctuary, open 6pm to 1am,
reached through NHS 111 option 2, which people with lived experience wanted to feel like a living
room rather than a clinic (tea and toast, staff in slippers). The people are invented.

Ideas are ``(who, text, theme, typed_by_note_taker)``; ``who`` is a roster key, or ``None`` for an
idea given anonymously (no one is recorded against it).
"""

from __future__ import annotations

SERIES = "Crisis sanctuary co-production group"
NOTE_TAKER = "Priya (note-taker)"

# key: (name, perspectives, attribution, support needs)
PEOPLE: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "maya": ("Maya Okafor", ("lived experience",), "named", ""),
    "tom": ("Tom Reilly", ("lived experience", "carer"), "perspective", "Needs a break every 45 minutes."),
    "sam": ("Sam Whitley", ("lived experience",), "anonymous", ""),
    "grace": ("Grace Whitfield", ("carer",), "named", "Large print handouts, please."),
    "derek": ("Derek Mensah", ("carer",), "perspective", "Has to leave by 11am to collect his son."),
    "aisha": ("Aisha Rahman", ("staff",), "named", ""),
    "jo": ("Jo Bennett", ("staff", "lived experience"), "named", ""),
    "lee": ("Lee Chen", ("staff",), "perspective", ""),
    "helen": ("Helen Marsh", ("commissioner",), "named", ""),
    "raj": ("Raj Patel", ("commissioner",), "perspective", ""),
    "bernadette": ("Bernadette Quinn", ("other", "carer"), "named", "Step-free access; uses a wheelchair."),
    "kwame": ("Kwame Asante", ("lived experience",), "anonymous", "A quiet room to step out to if it gets too much."),
}
NEWCOMER = {"ellie": ("Ellie Thompson", ("lived experience",), "anonymous",
                      "Prefers to write ideas down rather than speak in the round.")}  # fmt: skip

# -- Workshop 1: what the sanctuary should be ----------------------------------------------------

FIRST_TITLE = "Designing the crisis sanctuary: what should it feel like?"
FIRST_PURPOSE = (
    "Design, from the start and together, an out-of-hours crisis sanctuary for people in emotional "
    "or mental health distress: somewhere that feels like a living room, not a clinic.\n\n"
    "Everyone here has an equal say, and everyone with lived or caring experience is paid for their time."
)
FIRST_PLACE = "Community room, Riverside Library"

THEMES_1 = {
    "home": "Feels like a living room, not a clinic",
    "hours": "Open when people need it",
    "access": "Getting there and getting in",
    "people": "The people who are there",
    "carers": "Carers and families",
    "after": "After the visit",
}

ROUND_1 = [
    ("maya", "Somewhere I can go at 11pm that isn't A&E. Sitting under strip lights for six hours made everything worse.", "hours", False),
    ("tom", "Being treated like a person, not a risk assessment.", "people", True),
    ("sam", "Not having to tell my story again to three different people.", "access", False),
    ("grace", "As a mum, I want to know he's somewhere safe, even if he doesn't want me there.", "carers", False),
    ("derek", "That carers get told what's happening, within what he has agreed to share.", "carers", True),
    ("aisha", "Time. In A&E I get ten minutes with someone in crisis; here people should stay as long as they need.", "hours", False),
    ("jo", "Seeing someone who has been through it too. It gave me hope when nothing else did.", "people", False),
    ("lee", "Nights are when it's hardest. Most of our calls come after 10pm.", "hours", False),
    ("helen", "That what we build is what people actually asked for, and it lasts beyond a pilot year.", None, False),
    ("raj", "Fewer people ending up in A&E or a police car when what they needed was a cup of tea and someone to listen.", "hours", True),
    ("bernadette", "A warm welcome at the door. First impressions stay with you.", "home", False),
]  # fmt: skip  (Kwame passed, as everyone may.)

QUIET_1 = [
    ("maya", "Sofas and lamps, not plastic chairs and a reception hatch.", "home", False),
    (None, "A kitchen where you can make your own tea and toast.", "home", False),
    ("kwame", "No uniforms or lanyards in your face. Staff in their own clothes.", "home", True),
    ("jo", "Staff could take their shoes off and wear slippers, like at home.", "home", False),
    (None, "Soft lighting. Hospital lights make my head spin.", "home", False),
    ("grace", "A quiet room for people who can't cope with talking yet.", "home", False),
    ("sam", "Blankets, and somewhere to charge your phone.", "home", False),
    ("tom", "Open every night, 6pm till 1am at least, weekends included.", "hours", False),
    (None, "Bank holidays and Christmas are when it's worst. Don't close then.", "hours", True),
    ("lee", "A phone line in the daytime so you can check whether to come in.", "hours", False),
    (None, "If there is a wait, tell people honestly how long it will be.", "hours", True),
    ("kwame", "Don't make people go through 111 if they're already at the door.", "access", True),
    ("maya", "A taxi home when the last bus has gone. Nobody should walk home at 1am after a crisis.", "access", False),
    ("bernadette", "Step-free access and a ground-floor room.", "access", False),
    ("raj", "One simple number that everyone, including GPs and the police, knows about.", "access", False),
    ("grace", "Let people bring a friend or their carer if they want to.", "access", False),
    ("jo", "Peer support workers on every shift.", "people", False),
    ("sam", "Staff who are allowed to just sit with you, not fill in forms the whole time.", "people", False),
    ("aisha", "Trauma-informed care training for everyone, including whoever is on the door at night.", "people", False),
    (None, "Someone who speaks my language, or an interpreter on the phone without a fuss.", "people", True),
    ("derek", "Somewhere for carers to wait that isn't the car park.", "carers", True),
    ("grace", "A leaflet for families: what happens inside, and what we can do to help.", "carers", False),
    ("tom", "Ask the person what they want shared with family, and respect it both ways.", "carers", False),
    ("maya", "A follow-up call the next day, from someone you met that night.", "after", False),
    ("bernadette", "Links to community groups, like the Toolbox Café, before you leave.", "after", False),
    ("helen", "Write a plan together to take home, in plain words.", "after", False),
    (None, "Let people come back and tell you what worked. You said, we did.", "after", False),
    ("lee", "Could the building host daytime groups, so it isn't empty before 6pm?", None, False),
    (None, "Pets welcome? My dog is what keeps me going.", None, True),
]  # fmt: skip

# Three dots each; the two themes at the top tie on 9 (the ungrouped ideas are "idea:<n>", counted
# in the order they were given: 0 is Helen's, 1 Lee's, 2 the one about pets).
DOTS_1 = {
    "maya": ["home", "home", "hours"], "tom": ["hours", "hours", "carers"],
    "sam": ["home", "access", "people"], "grace": ["carers", "carers", "home"],
    "aisha": ["hours", "access", "people"], "jo": ["people", "people", "home"],
    "lee": ["hours", "access", "after"], "helen": ["access", "access", "hours"],
    "raj": ["home", "hours", "access"], "bernadette": ["home", "hours", "idea:0"],
    "kwame": ["home", "home", "hours"],
}  # fmt: skip

# Anonymous Five Values check-out, one row per person who chose to score (order: FIVE_VALUES).
VALUES_1 = [
    (5, 5, 4, 5, 4), (4, 5, 3, 4, 4), (5, 4, 4, 5, 5), (4, 4, 3, 4, 3), (5, 5, 4, 4, 4),
    (3, 4, 3, 4, 3), (5, 5, 5, 5, 4), (4, 3, 3, 4, 4), (5, 4, 4, 5, 4), (4, 5, 4, 4, 5),
]

FEEDBACK_1 = [
    ("You said the assessment room at the hospital felt like a cell.",
     "We are opening the sanctuary in a house on a residential street, not on the hospital site.", "done", ""),
    ("You said people with lived experience should be paid for their time.",
     "Everyone with lived or caring experience is paid £25 an hour for these workshops, plus travel.", "done", ""),
    ("You said the sanctuary should be open 24 hours a day.", "", "not possible",
     "The funding covers evenings and nights only; NHS 111 option 2 answers around the clock and can "
     "arrange other support during the day."),
    ("You said people should not have to repeat their story.",
     "We are working with NHS 111 on a handover, so visitors are not asked the same questions twice.",
     "in progress", ""),
]  # fmt: skip

# -- Workshop 2: a visitor's first evening -------------------------------------------------------

SECOND_TITLE = "The sanctuary: a visitor's first evening"
SECOND_PURPOSE = (
    "Walk through a visitor's first evening at the sanctuary, from the call to NHS 111 to getting home "
    "safely, and choose what to design first."
)
SECOND_PLACE = "The Maple Room, Oak Tree Community Centre"

THEMES_2 = {
    "door": "The welcome at the door",
    "control": "Feeling in control",
    "carers": "Carers and families",
    "home": "Getting home safely",
    "words": "Information in plain words",
    "comfort": "Food, drink and comfort",
}

ROUND_2 = [
    ("maya", "The first five minutes decide whether I stay or walk out.", "door", False),
    ("tom", "Being offered a drink before anyone asks me a single question.", "comfort", True),
    ("grace", "Knowing someone will ring me if he says that's OK.", "carers", False),
    ("aisha", "A proper handover from 111, so the visitor doesn't have to repeat everything.", "control", False),
    ("jo", "A peer worker to meet people at the door.", "door", False),
    ("lee", "A calm, kind way to say we're full tonight, and what happens instead.", "door", False),
    ("helen", "We measure what visitors tell us, not just how many came.", None, False),
    ("raj", "The route from the bus stop is well lit.", "home", True),
    ("ellie", "I'd want to know I can leave whenever I like.", "control", True),
    ("kwame", "No clipboard at the door.", "door", False),
    ("bernadette", "A sign outside that doesn't say 'mental health' in big letters.", "door", False),
]  # fmt: skip

QUIET_2 = [
    (None, "A welcome pack: what happens here, in plain words and pictures.", "words", False),
    ("grace", "Easy read and large print versions of everything.", "words", False),
    ("kwame", "Tea, toast and soup on offer all evening.", "comfort", False),
    ("maya", "A doorbell, and someone who answers it within a minute.", "door", False),
    (None, "A choice of who you talk to, a man or a woman.", "control", True),
    ("sam", "Let people sit quietly first; talking can wait.", "control", False),
    ("tom", "Check in with carers waiting outside.", "carers", False),
    ("raj", "Plan the journey home before 1am, with a taxi booked if needed.", "home", False),
    ("jo", "Write up the visit with the person, not about them.", "control", False),
    ("bernadette", "A noticeboard of local groups and the Toolbox Café.", "words", False),
    ("helen", "Ask visitors for feedback on a postcard, anonymously.", None, False),
    (None, "Somewhere private to make a phone call.", None, True),
    ("lee", "Don't keep people waiting in a corridor.", "comfort", False),
]  # fmt: skip

# Dots given so far in the (secret, not yet revealed) vote: some people have not finished.
DOTS_2 = {
    "maya": ["door", "door", "control"], "tom": ["comfort", "carers", "door"],
    "grace": ["carers", "carers", "words"], "aisha": ["control", "control", "door"],
    "jo": ["door", "control", "words"], "helen": ["idea:0", "control", "home"],
    "raj": ["home", "home", "door"], "kwame": ["comfort"],
}  # fmt: skip

# -- Before and after: the invitation pack and recognising people's time -------------------------

FIRST_START = "10:00"
# The invitation pack's details, the same place for both workshops (as the demo's people need).
PACK_DETAILS = {
    "step_free": "yes, through the main entrance on Mill Lane",
    "hearing_loop": "yes, in the community room",
    "quiet_room": "yes, the reading room next door",
    "bus_stop": "Riverside Library (routes 7 and 12), 2 minutes' walk",
    "access_notes": "Accessible toilet on the ground floor. Free parking behind the library, two blue-badge spaces.",
    "contact_name": "Priya Shah (involvement lead)",
    "contact_details": "07700 900461 or involvement@example.org",
}
# The series' rate: £25 an hour (as the first workshop's feedback says), to the next half hour.
HOURLY_RATE_PENCE = 2500
ROUNDING_MINUTES = 30
# key: (how, donated to, expenses in pence): people with lived or caring experience, as the
# guidance asks; staff and commissioners are paid by their employers.
RECOGNITION_1: dict[str, tuple[str, str, dict[str, int]]] = {
    "maya": ("paid", "", {"travel_pence": 450}),
    "tom": ("paid", "", {"care_pence": 2400}),
    "sam": ("voucher", "", {}),
    "grace": ("donated", "Mind", {"travel_pence": 320}),
    "derek": ("paid", "", {"travel_pence": 380}),
    "bernadette": ("paid", "", {"travel_pence": 1800, "other_pence": 0}),
    "kwame": ("declined", "", {"travel_pence": 320}),
}
RECOGNITION_2: dict[str, tuple[str, str, dict[str, int]]] = {
    "maya": ("paid", "", {"travel_pence": 450}),
    "ellie": ("voucher", "", {"travel_pence": 500}),
}
