"""Words the synthetic data is made of: invented names, real kinds of equipment, plain phrases.

English and Ukrainian where a user types free text; Ukrainian phrases avoid case endings
("Тема: …") so any noun fits.
"""

# Countries that get most of the commitments, roughly by the size of their support.
MAJOR_PARTNERS = [
    "US", "DE", "GB", "DK", "NL", "SE", "NO", "PL", "CA", "FR", "FI", "JP", "IT", "CZ", "BE",
    "AU", "LT", "ES", "EE", "LV", "PT", "SK", "RO", "AT", "IE", "HR", "SI", "LU", "NZ", "IS",
    "KR", "GR", "BG", "TR", "CH", "MD", "GE", "AL", "ME", "MK",
]  # fmt: skip
CURRENCY_BY_COUNTRY = {
    "US": "USD", "GB": "GBP", "PL": "PLN", "CA": "CAD", "NO": "NOK", "SE": "SEK", "DK": "DKK",
    "CZ": "CZK", "CH": "CHF", "JP": "JPY", "AU": "AUD", "KR": "USD", "TR": "USD", "NZ": "USD",
}  # fmt: skip
EURO = "EUR"
SUPPLIER_COUNTRIES = ["US", "KR", "TR", "CZ", "BG", "RO", "ZA", "PK", "IN", "BR", "IL", "RS"]
SUPPLIER_COMPANIES = [
    "Northfield Munitions", "Baltic Ordnance Group", "Meridian Defence Systems", "Arcadia Armour",
    "Kestrel Aerospace", "Granite Arms", "Helios Electronics", "Orion Propellants",
]  # fmt: skip

# capability code -> [(item, item in Ukrainian, unit, smallest and largest quantity)]
ITEMS = {
    "air-defence": [
        ("IRIS-T SLM fire units", "вогневі одиниці IRIS-T SLM", "systems", 1, 6),
        ("NASAMS launchers", "пускові установки NASAMS", "launchers", 2, 12),
        ("Patriot interceptor missiles", "ракети-перехоплювачі Patriot", "missiles", 10, 200),
        ("Gepard self-propelled anti-aircraft guns", "зенітні самохідні установки Gepard", "vehicles", 5, 40),
        ("short-range air defence batteries", "батареї ППО малої дальності", "batteries", 1, 6),
        ("man-portable air defence systems", "переносні зенітні ракетні комплекси", "pieces", 20, 500),
        ("air surveillance radars", "радари огляду повітряного простору", "systems", 1, 12),
    ],
    "artillery": [
        ("155 mm self-propelled howitzers", "155-мм самохідні гаубиці", "pieces", 4, 60),
        ("towed 155 mm howitzers", "буксировані 155-мм гаубиці", "pieces", 6, 80),
        ("spare barrels for 155 mm howitzers", "запасні стволи до 155-мм гаубиць", "pieces", 10, 200),
        ("counter-battery radars", "контрбатарейні радари", "systems", 1, 10),
    ],
    "mlrs": [
        ("multiple rocket launchers", "реактивні системи залпового вогню", "launchers", 2, 30),
        ("guided rockets for multiple launchers", "керовані ракети до РСЗВ", "missiles", 50, 1000),
        ("122 mm rockets", "122-мм реактивні снаряди", "rounds", 1000, 50000),
    ],
    "armoured-vehicles": [
        ("infantry fighting vehicles", "бойові машини піхоти", "vehicles", 10, 200),
        ("armoured personnel carriers", "бронетранспортери", "vehicles", 10, 250),
        ("mine-protected vehicles", "машини з протимінним захистом", "vehicles", 5, 150),
        ("armoured recovery vehicles", "броньовані ремонтно-евакуаційні машини", "vehicles", 2, 30),
    ],
    "tanks": [
        ("main battle tanks", "основні бойові танки", "vehicles", 5, 100),
        ("tank spare-part kits", "комплекти запчастин до танків", "sets", 5, 120),
        ("tank engines", "танкові двигуни", "pieces", 10, 150),
    ],
    "ammunition": [
        ("155 mm artillery rounds", "155-мм артилерійські снаряди", "rounds", 5000, 300000),
        ("152 mm artillery rounds", "152-мм артилерійські снаряди", "rounds", 5000, 200000),
        ("120 mm mortar rounds", "120-мм мінометні міни", "rounds", 2000, 100000),
        ("125 mm tank rounds", "125-мм танкові постріли", "rounds", 1000, 40000),
        ("small-arms ammunition", "набої до стрілецької зброї", "rounds", 100000, 5000000),
    ],
    "maintenance": [
        (
            "repair of infantry fighting vehicles at a partner plant",
            "ремонт бойових машин піхоти на заводі партнера",
            "vehicles",
            10,
            120,
        ),
        ("overhaul of self-propelled howitzers", "капітальний ремонт самохідних гаубиць", "pieces", 4, 60),
        ("mobile repair workshops", "пересувні ремонтні майстерні", "sets", 2, 30),
        ("spare parts for air defence systems", "запчастини до систем ППО", "sets", 5, 80),
    ],
    "production": [
        (
            "licensed production line for 155 mm shells",
            "ліцензійна лінія виробництва 155-мм снарядів",
            "sets",
            1,
            3,
        ),
        ("machine tools for a barrel factory", "верстати для виробництва стволів", "pieces", 5, 60),
        ("co-produced armoured vehicles", "бронемашини спільного виробництва", "vehicles", 10, 150),
        ("explosives production capacity", "потужності з виробництва вибухових речовин", "other", 1, 5),
    ],
    "financing": [
        (
            "purchase of artillery rounds in a third country",
            "закупівля артилерійських снарядів у третій країні",
            "rounds",
            10000,
            500000,
        ),
        (
            "purchase of air defence missiles in a third country",
            "закупівля зенітних ракет у третій країні",
            "missiles",
            20,
            400,
        ),
        (
            "purchase of armoured vehicles in a third country",
            "закупівля бронетехніки у третій країні",
            "vehicles",
            10,
            150,
        ),
    ],
}
# priority code -> capabilities a commitment or project under it is about
CAPABILITIES_BY_PRIORITY = {
    "supply": ["air-defence", "artillery", "mlrs", "armoured-vehicles", "tanks", "ammunition"],
    "financing": ["financing", "ammunition", "air-defence"],
    "joint-production": ["production", "maintenance", "ammunition", "armoured-vehicles"],
}
ASSISTANCE_BY_PRIORITY = {
    "supply": ["supply", "components"],
    "financing": ["financing"],
    "joint-production": ["co_production", "repair_base", "technology_transfer", "components"],
}
KINDS_BY_PRIORITY = {
    "supply": ["supply"] * 9 + ["training"],
    "financing": ["financing"],
    "joint-production": ["co_production", "repair_base"],
}

PROJECT_TITLES = {
    "financing": ("Financing a production line for {thing}", "Фінансування виробничої лінії: {thing}"),
    "components": ("Supply of components for {thing}", "Постачання комплектуючих: {thing}"),
    "technology_transfer": ("Technology transfer for {thing}", "Передача технологій: {thing}"),
    "co_production": ("Licensed co-production of {thing}", "Ліцензійне спільне виробництво: {thing}"),
    "repair_base": ("Repair hub for {thing} near the western border", "Ремонтна база: {thing}"),
    "supply": ("Supply of {thing} to the enterprise", "Постачання для підприємства: {thing}"),
}
HEALTH_REASONS = [
    "Export licence in the partner country still pending.",
    "Financing agreement not yet signed.",
    "Site permit delayed by the regional authority.",
    "Supplier cannot deliver components before next year.",
    "Очікуємо рішення уряду партнера щодо фінансування.",
    "Затримка з ліцензією на експорт.",
]

CITIES = [
    ("Kharkiv", "Харківський"), ("Kyiv", "Київський"), ("Lviv", "Львівський"),
    ("Dnipro", "Дніпровський"), ("Zaporizhzhia", "Запорізький"), ("Mykolaiv", "Миколаївський"),
    ("Odesa", "Одеський"), ("Zhytomyr", "Житомирський"), ("Shostka", "Шосткинський"),
    ("Chernihiv", "Чернігівський"), ("Poltava", "Полтавський"), ("Vinnytsia", "Вінницький"),
    ("Rivne", "Рівненський"), ("Lutsk", "Луцький"), ("Ternopil", "Тернопільський"),
    ("Sumy", "Сумський"), ("Kremenchuk", "Кременчуцький"), ("Kropyvnytskyi", "Кропивницький"),
]  # fmt: skip
FACILITIES = [
    ("Armour Works", "бронетанковий завод"), ("Radar Design Bureau", "конструкторське бюро радіолокації"),
    ("Munitions Plant", "завод боєприпасів"), ("Aircraft Repair Plant", "авіаремонтний завод"),
    ("Mechanical Plant", "механічний завод"), ("Instrument Works", "приладобудівний завод"),
    ("Shipyard", "суднобудівний завод"), ("Chemical Plant", "хімічний завод"),
    ("Armour Repair Works", "бронетанковий ремонтний завод"), ("Optics Plant", "оптичний завод"),
]  # fmt: skip

FIRST_NAMES = [
    "Olena", "Taras", "Maryna", "Andrii", "Iryna", "Oleksandr", "Natalia", "Dmytro", "Oksana",
    "Serhii", "Yulia", "Bohdan", "Kateryna", "Mykola", "Sofiia", "Petro", "Halyna", "Viktor",
    "Anna", "Roman", "Daria", "Yurii", "Larysa", "Ihor",
]  # fmt: skip
LAST_NAMES = [
    "Marchenko", "Hnatiuk", "Rudenko", "Kovalenko", "Bondarenko", "Tkachenko", "Shevchuk",
    "Kravets", "Melnyk", "Savchenko", "Lysenko", "Oliinyk", "Moroz", "Pavlenko", "Zinchenko",
    "Horbach", "Polishchuk", "Levchenko", "Kostenko", "Sydorenko",
]  # fmt: skip
PARTNER_FIRST_NAMES = [
    "Adam", "Anna", "Lars", "Sofie", "James", "Claire", "Jan", "Eva", "Mikkel", "Laura", "Thomas",
    "Marta", "Henrik", "Ingrid", "Paul", "Julia", "Pieter", "Elena", "Marco", "Katarzyna",
]  # fmt: skip
PARTNER_LAST_NAMES = [
    "Nowak", "Schmidt", "Jensen", "Smith", "Dubois", "de Vries", "Larsen", "Novak", "Rossi",
    "Andersson", "Berg", "Kowalski", "Fischer", "Martin", "Nielsen", "Svoboda", "Virtanen",
]  # fmt: skip
POSITIONS = [
    "Deputy minister", "Director, armaments policy", "Head of the Eastern Europe desk",
    "National armaments director", "Adviser to the prime minister", "Chief executive",
    "Head of export control", "Director of international cooperation", "Defence attaché",
    "Head of procurement", "Member of the defence committee",
]  # fmt: skip
COUNTERPARTS = [
    "Ministry of Defence of {country}", "Ministry of Foreign Affairs of {country}",
    "Ministry of Economy of {country}", "Armed Forces procurement agency of {country}",
    "Parliament of {country}, defence committee", "Office of the head of government of {country}",
    "{company}",
]  # fmt: skip
PARTICIPANTS = [
    "Ambassador", "Ambassador; defence attaché", "Counsellor; defence attaché",
    "First secretary", "Defence attaché; concern representative", "Chargé d'affaires",
]  # fmt: skip
TOPICS = [
    "the delivery schedule of {item}", "financing of {item}", "export licences for {item}",
    "co-production of {item}", "training of crews for {item}", "spare parts for {item}",
]  # fmt: skip
SUMMARIES = [
    ("Discussed {topic}. The partner confirmed interest and asked for technical details.",
     "Обговорили тему: {topic}. Партнер підтвердив інтерес і попросив технічні деталі."),
    ("Raised {topic}; the partner will consult its ministry of finance.",
     "Порушили питання: {topic}. Партнер проконсультується з міністерством фінансів."),
    ("Briefed the counterpart on the needs of the concern, in particular {topic}.",
     "Поінформували співрозмовника про потреби концерну, зокрема: {topic}."),
    ("Handed over a note verbale on {topic}.", "Передали ноту щодо питання: {topic}."),
]  # fmt: skip
OUTCOMES = [
    "The partner will answer within two weeks.", "Agreed to meet again after the government decision.",
    "The ministry will prepare a draft memorandum.", "No decision yet; the topic stays on the agenda.",
    "Партнер надасть відповідь протягом двох тижнів.", "Домовились про наступну зустріч.",
]  # fmt: skip
FOLLOWUP_TITLES = [
    ("Send the partner the list of {item}", "Надіслати партнеру перелік: {item}"),
    ("Check the export licence status for {item}", "Перевірити стан ліцензії: {item}"),
    ("Prepare a briefing note on {item}", "Підготувати довідку: {item}"),
    ("Ask the enterprise for the technical specification of {item}",
     "Запитати у підприємства технічні вимоги: {item}"),
    ("Confirm the delivery date of {item}", "Підтвердити дату постачання: {item}"),
]  # fmt: skip
# Why a promise changed: every amendment says (the database refuses a blank note).
AMENDMENT_NOTES = {
    "increase": ["Parliament approved an additional tranche", "Партнер збільшив пакет після саміту"],
    "reduction": ["Budget cut announced by the ministry", "Частину передано іншому отримувачу"],
    "correction": ["Figure corrected from the signed agreement", "Виправлено за текстом угоди"],
    "withdrawal": ["The partner withdrew after the election", "Партнер відкликав зобов'язання"],
}
DELIVERY_NOTES = ["", "", "First batch", "Second batch", "Arrived at the logistics hub", "Прибуло на склад"]
