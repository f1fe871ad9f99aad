#!/usr/bin/env python3
"""Writes Assets/demo-store.json: the demo pet store a newcomer opens first.

Deterministic (fixed seed), so the file only changes when this script does.
Dates are given as days before the day the store is created ("daysAgo"), so the
demo always looks current: cards filling over the last months, some today.
"""
import json
import random
from pathlib import Path

rng = random.Random(20261125)


def upc_a(body11: str) -> str:
    digits = [int(c) for c in body11]
    odd = sum(digits[0::2])
    even = sum(digits[1::2])
    check = (10 - (odd * 3 + even) % 10) % 10
    return body11 + str(check)


PROGRAMS = [
    # key, name, manufacturer, N, reward rule, window, prefix, items (description, size)
    ("menow", "MeNow Munchies Dog Food", "MeNow Pet Foods", 12, "Same size bag free", None, "07123",
     [("MeNow Munchies Chicken & Rice", "12 lb"), ("MeNow Munchies Chicken & Rice", "24 lb"),
      ("MeNow Munchies Lamb & Oat", "12 lb"), ("MeNow Munchies Puppy", "5 lb")]),
    ("prairie", "Prairie Paws Grain-Free Dog", "Prairie Paws Co.", 12, "Lesser or equal value free", 18, "08452",
     [("Prairie Paws Bison Recipe", "13 lb"), ("Prairie Paws Bison Recipe", "26 lb"),
      ("Prairie Paws Salmon Recipe", "13 lb"), ("Prairie Paws Salmon Recipe", "26 lb")]),
    ("whisker", "Whisker Feast Dry Cat Food", "Whisker Feast", 10, "Same size bag free", None, "06311",
     [("Whisker Feast Indoor Chicken", "3 lb"), ("Whisker Feast Indoor Chicken", "7 lb"),
      ("Whisker Feast Ocean Fish", "7 lb")]),
    ("ocean", "Ocean Whiskers Canned Cat (case)", "Ocean Whiskers", 12, "One case free", None, "06311",
     [("Ocean Whiskers Tuna Pâté 24 ct", "24 x 3 oz"), ("Ocean Whiskers Salmon Pâté 24 ct", "24 x 3 oz")]),
    ("tidy", "Tidy Kitty Clumping Litter", "Tidy Kitty Inc.", 10, "Same size free", 12, "07771",
     [("Tidy Kitty Unscented", "20 lb"), ("Tidy Kitty Unscented", "35 lb"), ("Tidy Kitty Lavender", "20 lb")]),
    ("bones", "Crunchy Bones Dog Treats", "Crunchy Bones", 10, "Any bag up to $12 free", None, "08890",
     [("Crunchy Bones Peanut Butter", "16 oz"), ("Crunchy Bones Sweet Potato", "16 oz"),
      ("Crunchy Bones Mini Training Bites", "8 oz")]),
    ("hopper", "Happy Hopper Rabbit Pellets", "Happy Hopper Farms", 10, "Same size free", None, "05214",
     [("Happy Hopper Timothy Pellets", "5 lb"), ("Happy Hopper Timothy Pellets", "10 lb")]),
    ("goodboy", "Good Boy Puppy Formula", "Good Boy Nutrition", 13, "Lesser or equal value free", 24, "04422",
     [("Good Boy Puppy Large Breed", "30 lb"), ("Good Boy Puppy Small Bites", "15 lb")]),
]

programs = []
all_items = {}
for key, name, maker, n, rule, window, prefix, items in PROGRAMS:
    rows = []
    for i, (desc, size) in enumerate(items):
        product = f"{len(programs) * 10 + i + 1:05d}"[-5:]
        # 11 digits: number system 0 + 5-digit manufacturer prefix + 5-digit product, then the check digit.
        upc = upc_a("0" + prefix + product)
        rows.append({"upc": upc, "description": f"{desc} {size}" if size not in desc else desc, "size": size})
    programs.append({"key": key, "name": name, "manufacturer": maker, "buy": n, "rewardRule": rule,
                     "completionWindowMonths": window, "items": rows})
    # Happy Hopper's deal is Downtown's own (its distributor does not serve Denver): a program of one location.
    if key == "hopper":
        programs[-1]["location"] = "Downtown"

    all_items[key] = rows

# Sanity: no UPC in two programs.
seen = set()
for p in programs:
    for it in p["items"]:
        assert it["upc"] not in seen, it
        seen.add(it["upc"])

FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Mateo", "Sofía", "Lucas", "Zoë", "José", "Renée", "Björn",
         "Chloé", "François", "Siobhán", "Nguyễn", "Aarav", "Priya", "Maya", "Ethan", "Isabella", "Jack",
         "Mia", "Leo", "Harper", "Grace", "Daniel", "Amelia", "Henry", "Nora", "Samuel", "Layla", "Owen",
         "Ellie", "Caleb", "Hannah", "Wyatt", "Aurora", "Jamal", "Fatima", "Kenji", "Ingrid", "Dmitri",
         "Anaïs", "Søren", "Łucja", "Ömer", "Tomás"]
LAST = ["Garcia", "Smith", "Johnson", "Brown", "Martínez", "Davis", "López", "Wilson", "Anderson", "Thomas",
        "Müller", "O'Brien", "Nakamura", "Kowalski", "Nguyen", "Patel", "Okafor", "Rossi", "Dubois",
        "Fernández", "Haddad", "Kim", "Larsen", "MacDonald", "Novák", "Schröder", "Van der Berg", "Ellis",
        "Reyes", "Chen", "Singh", "Bergström", "Costa", "Walsh", "Ortiz", "Hughes"]
SCRIPT_NAMES = [("李", "伟"), ("山田", "花子"), ("Олег", "Петров"), ("Αλέξης", "Παπαδόπουλος"),
                ("Yara", "حداد"), ("Ji-woo", "박"), ("Анна", "Смирнова")]
PETS = [("Biscuit", "dog"), ("Luna", "cat"), ("Max", "dog"), ("Mochi", "cat"), ("Pepper", "rabbit"),
        ("Bella", "dog"), ("Oliver", "cat"), ("Thumper", "rabbit"), ("Rocky", "dog"), ("Cleo", "cat")]
USERS = ["cashier", "cashier2", "manager"]


def phone_in_format(digits: str, k: int) -> str:
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return [f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"{a}{b}{c}", f"{a}-{b}-{c}"][k % 5]


def email_for(first: str, last: str, k: int) -> str:
    ascii_first = "".join(ch for ch in first.lower() if ch.isascii() and ch.isalpha()) or f"guest{k}"
    ascii_last = "".join(ch for ch in last.lower() if ch.isascii() and ch.isalpha()) or "pet"
    domain = ["example.com", "example.net", "mail.example.org"][k % 3]
    return f"{ascii_first}.{ascii_last}{k if k % 4 == 0 else ''}@{domain}"


def punch(program_key: str, days_ago: int, source: str, by: str, **extra):
    item = rng.choice(all_items[program_key])
    p = {"upc": item["upc"], "daysAgo": days_ago, "source": source, "by": by}
    p.update(extra)
    return p


def make_cards(n_programs: int, rich: bool):
    cards = []
    for key in rng.sample([p["key"] for p in programs], n_programs):
        n = next(p["buy"] for p in programs if p["key"] == key)
        state = rng.choice(["open", "open", "open", "complete", "redeemed"])
        count = n if state != "open" else rng.randint(1, n - 1)
        days = sorted((rng.randint(1, 400) for _ in range(count)), reverse=True)
        punches = []
        for d in days:
            source = rng.choice(["counter", "counter", "counter", "realtime", "realtime", "import"]) if rich else "counter"
            punches.append(punch(key, d, source, rng.choice(USERS)))
        card = {"program": key, "punches": punches}
        if state == "redeemed":
            card["redeemed"] = {"daysAgo": max(0, days[-1] - 1), "upc": rng.choice(all_items[key])["upc"], "by": "cashier"}
        cards.append(card)
    return cards


customers = []
# Sally, from the product article: a MeNow Munchies card 7/12 with every kind of punch, one complete card,
# a redeemed card, points, a Lightspeed link, and a purchase made in Lightspeed that never reached her card
# (see Assets/lightspeed-demo.json) — the Import History walkthrough.
menow12 = all_items["menow"][0]["upc"]
sally = {
    "firstName": "Sally", "lastName": "Pet Owner", "phone": "(555) 867-5309", "email": "sally.petowner@example.com",
    "lightspeedCustomerID": "101", "lastRealtimeImportDaysAgo": 20,
    "notes": "Prefers the 12 lb bag. Two dogs.",
    "pets": [{"name": "Biscuit", "species": "dog"}, {"name": "Waffles", "species": "dog"}],
    "cards": [
        {"program": "menow", "note": "Paper card: first purchase (see paper punches)", "punches": [
            {"upc": menow12, "daysAgo": 120, "source": "paper", "by": "cashier"},
            {"upc": menow12, "daysAgo": 100, "source": "paper", "by": "cashier"},
            {"upc": menow12, "daysAgo": 60, "source": "counter", "by": "cashier"},
            {"upc": menow12, "daysAgo": 45, "source": "realtime", "by": "cashier", "saleID": "5001", "saleLineID": "9001"},
            {"upc": menow12, "daysAgo": 30, "source": "import", "by": "manager", "saleID": "5002", "saleLineID": "9002"},
            {"upc": all_items["menow"][2]["upc"], "daysAgo": 25, "source": "exception", "by": "manager",
             "exceptionReason": "Different size"},
            {"upc": menow12, "daysAgo": 20, "source": "realtime", "by": "cashier2", "saleID": "5003", "saleLineID": "9003"},
            {"upc": menow12, "daysAgo": 21, "source": "counter", "by": "cashier",
             "removed": {"by": "manager", "reason": "Scanned twice by mistake", "daysAgo": 21}},
        ]},
        {"program": "tidy", "punches": [punch("tidy", d, "counter", "cashier") for d in range(200, 100, -10)]},
        {"program": "bones", "punches": [punch("bones", d, "realtime", "cashier2") for d in range(400, 300, -10)],
         "redeemed": {"daysAgo": 290, "upc": all_items["bones"][0]["upc"], "by": "cashier"}},
    ],
    "points": [{"delta": 54, "kind": "sale", "daysAgo": 45, "saleID": "5001"},
               {"delta": 61, "kind": "sale", "daysAgo": 20, "saleID": "5003"},
               {"delta": -50, "kind": "reward", "daysAgo": 10, "reason": "$5 off coupon"}],
}
customers.append(sally)
# Her duplicate, typed in by hand one busy Saturday: same phone, slightly different name.
customers.append({"firstName": "Sally", "lastName": "Petowner", "phone": "555.867.5309", "email": None,
                  "cards": [{"program": "whisker", "punches": [punch("whisker", d, "counter", "cashier2") for d in (40, 12)]}]})

used_phones = {"5558675309"}
for k in range(230):
    if k < len(SCRIPT_NAMES) * 2 and k % 2 == 1:
        first, last = SCRIPT_NAMES[k // 2]
    else:
        first, last = rng.choice(FIRST), rng.choice(LAST)
    while True:
        digits = "555" + f"{rng.randint(0, 9999999):07d}"
        if digits not in used_phones:
            used_phones.add(digits)
            break
    c = {"firstName": first, "lastName": last,
         "phone": phone_in_format(digits, k) if k % 9 else None,
         "email": email_for(first, last, k) if k % 4 else None}
    if k % 3 == 0:
        c["pets"] = [dict(zip(("name", "species"), rng.choice(PETS)))]
    if k % 2 == 0:
        c["cards"] = make_cards(rng.randint(1, 3), rich=k % 4 == 0)
    if k % 5 == 0:
        c["points"] = [{"delta": rng.randint(5, 80), "kind": "sale", "daysAgo": rng.randint(1, 200)}
                       for _ in range(rng.randint(1, 4))]
    if k < 12:
        c["lightspeedCustomerID"] = str(102 + k)
    customers.append(c)

# Duplicates to combine: the same person entered twice with another spelling or phone format.
for src in (customers[5], customers[17], customers[33]):
    dup = {"firstName": src["firstName"], "lastName": src["lastName"], "phone": None, "email": src.get("email")}
    if src.get("phone"):
        d = "".join(ch for ch in src["phone"] if ch.isdigit())[-10:]
        dup["phone"] = phone_in_format(d, 3)
    if dup["email"] is None and dup["phone"] is None:
        dup["email"] = "dup." + email_for(src["firstName"], src["lastName"], 1)
    dup["cards"] = make_cards(1, rich=False)
    customers.append(dup)
customers.append({"firstName": "Jon", "lastName": "Hughes", "phone": "555-201-7788", "email": "jon.hughes@example.com"})
customers.append({"firstName": "John", "lastName": "Hughes", "phone": None, "email": "JON.HUGHES@example.com",
                  "cards": make_cards(1, rich=False)})

# Manufacturer claims (issue 17): distributors, rules per program, and the story of the demo's claims.
CLAIMS = {
    "storeAddress": "1200 Harbor Road, Suite 4, Portsmouth, NH 03801",
    "distributors": [
        {"key": "phillips", "name": "Phillips Pet Food & Supplies", "account": "PH-204518", "deadlineDays": 60,
         "require": ["name", "phone", "postal-address"]},
        {"key": "asc", "name": "Animal Supply Co.", "account": "ASC-88172", "deadlineDays": 30,
         "require": ["name", "phone", "postal-address"]},
    ],
    # Per program: the distributor, the value cap, the window, and per UPC its group, suggested retail and
    # whether it is excluded (a trial size). Groups are sizes where the manufacturer says "same size",
    # species groups where it says "any bag of the line".
    "rules": [
        {"program": "menow", "distributor": "phillips", "cap": "least-valued-bag", "windowMonths": 18, "items": [
            {"upc": "007123000016", "group": "12 lb", "retail": "32.99"},
            {"upc": "007123000023", "group": "24 lb", "retail": "54.99"},
            {"upc": "007123000030", "group": "12 lb", "retail": "32.99"},
            {"upc": "007123000047", "group": "5 lb", "retail": "14.99", "excluded": True}]},
        {"program": "prairie", "distributor": "phillips", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "008452000111", "group": "Grain-free dog", "retail": "44.99"},
            {"upc": "008452000128", "group": "Grain-free dog", "retail": "74.99"},
            {"upc": "008452000135", "group": "Grain-free dog", "retail": "44.99"},
            {"upc": "008452000142", "group": "Grain-free dog", "retail": "74.99"}]},
        {"program": "tidy", "distributor": "phillips", "cap": "least-valued-bag", "windowMonths": 24, "items": [
            {"upc": "007771000413", "group": "20 lb", "retail": "16.99"},
            {"upc": "007771000420", "group": "35 lb", "retail": "24.99"},
            {"upc": "007771000437", "group": "20 lb", "retail": "16.99"}]},
        {"program": "goodboy", "distributor": "phillips", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "004422000716", "group": "Puppy", "retail": "64.99"},
            {"upc": "004422000723", "group": "Puppy", "retail": "38.99"}]},
        {"program": "whisker", "distributor": "asc", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "006311000210", "group": "Dry cat", "retail": "9.99"},
            {"upc": "006311000227", "group": "Dry cat", "retail": "19.99"},
            {"upc": "006311000234", "group": "Dry cat", "retail": "19.99"}]},
        {"program": "ocean", "distributor": "asc", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "006311000319", "group": "Case 24 x 3 oz", "retail": "27.99"},
            {"upc": "006311000326", "group": "Case 24 x 3 oz", "retail": "27.99"}]},
        {"program": "bones", "distributor": "asc", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "008890000513", "group": "Treats", "retail": "8.99"},
            {"upc": "008890000520", "group": "Treats", "retail": "8.99"},
            {"upc": "008890000537", "group": "Treats", "retail": "5.49"}]},
        {"program": "hopper", "distributor": "asc", "cap": "suggested-retail", "windowMonths": 24, "items": [
            {"upc": "005214000617", "group": "Rabbit", "retail": "11.99"},
            {"upc": "005214000624", "group": "Rabbit", "retail": "19.99"}]},
    ],
    # The claim story the loader plays through the store's own calls: batches up to these ages are submitted;
    # the credit memo of the oldest batches credits all but `deny` (first one corrected and resubmitted, the
    # second corrected and waiting, the third still denied); credits older than `reconcileDaysAgo` reconciled.
    "story": {"firstBatchDaysAgo": 30, "secondBatchDaysAgo": 20, "deny": 3, "reconcileDaysAgo": 40,
              "denyReasons": ["ineligible free-good size", "incomplete proof: receipt missing",
                              "insufficient purchase quantity"]},
}

store = {
    "store": {"name": "Happy Tails Pet Supply", "timeZone": "America/New_York",
              "goLiveDaysAgo": 420, "pointsPerDollar": 1},
    "users": [
        {"username": "admin", "displayName": "Alex Admin", "role": "admin", "password": "admin-demo", "pin": "9999"},
        {"username": "manager", "displayName": "Morgan Manager", "role": "manager", "password": "manager-demo", "pin": "2222"},
        {"username": "cashier", "displayName": "Casey Cashier", "role": "cashier", "password": "cashier-demo", "pin": "1111"},
        {"username": "cashier2", "displayName": "Jordan Cashier", "role": "cashier", "password": "cashier2-demo", "pin": "3333"},
    ],
    # The two shops of Assets/lightspeed-demo.json, each a location in its shop's zone; the first is the default
    # (where the demo's history happened and where a counter without a `location` setting stands).
    "locations": [
        {"name": "Downtown", "address": "120 Main Street, Springfield", "timeZone": "America/New_York",
         "lightspeedShopID": "1"},
        {"name": "Denver", "address": "2200 Colfax Avenue, Denver", "timeZone": "America/Denver",
         "lightspeedShopID": "2"},
    ],
    "pointsRewards": [{"name": "$5 off any purchase", "cost": 50}, {"name": "Free bag of treats", "cost": 120},
                      {"name": "Free nail trim", "cost": 200}],
    "programs": programs,
    "customers": customers,
    "claims": CLAIMS,
}
out = Path(__file__).resolve().parent.parent / "Assets" / "demo-store.json"
out.write_text(json.dumps(store, ensure_ascii=False, indent=1) + "\n")
print(f"wrote {out}: {len(programs)} programs, {len(customers)} customers")
