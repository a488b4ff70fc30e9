"""Sample bike products and special offers, drawn like AdventureWorks' Production.Product.

Component names, bike models and accessories are literal tables; `random.Random` seeded
with the generator's seed fills in prices, weights, codes and dates, so the 504 products
and their special-offer pairs are the same for the same seed.
"""

from __future__ import annotations

import random

from scripts.generate.sizes import BIKE_PRODUCTS_FINISHED, OFFER_PAIRS


def bike_products(seed: int) -> list[tuple]:
    """504 products like Production.Product: 209 components and 295 finished goods."""
    rng = random.Random(f"products:{seed}")
    parts = list(
        dict.fromkeys(
            [
                "Adjustable Race",
                "Bearing Ball",
                "BB Ball Bearing",
                "Headset Ball Bearings",
                "Blade",
                "LL Crankarm",
                "ML Crankarm",
                "HL Crankarm",
                "Chainring Bolts",
                "Chainring Nut",
                "Chainring",
                "Crown Race",
                "Chain Stays",
                "Decal",
                "Down Tube",
                "Mountain End Caps",
                "Road End Caps",
                "Touring End Caps",
                "Fork End",
                "Freewheel",
                "Flat Washer",
                "Front Derailleur Cage",
                "Front Derailleur Linkage",
                "Guide Pulley",
                "LL Grip Tape",
                "ML Grip Tape",
                "HL Grip Tape",
                "Thin-Jam Hex Nut",
                "Hex Nut",
                "Handlebar Tube",
                "Head Tube",
                "LL Hub",
                "HL Hub",
                "Keyed Washer",
                "External Lock Washer",
                "Internal Lock Washer",
                "Thin-Jam Lock Nut",
                "Lock Nut",
                "Lock Ring",
                "Lower Head Race",
                "Lock Washer",
                "Metal Angle",
                "Metal Bar",
                "Metal Plate",
                "Metal Sheet",
                "Cup-Shaped Race",
                "Pinch Bolt",
                "Reflector",
                "Rear Derailleur Cage",
                "Seat Post",
                "Seat Stays",
                "Seat Tube",
                "Spokes",
                "Stem",
                "Top Tube",
                "Tension Pulley",
                "Rim",
                "Lever",
                "Cone-Shaped Race",
                "Steerer",
                "Shell",
            ]
        )
    )
    rows: list[tuple] = []
    component_ids = [1, 2, 3, 4, *range(316, 521)]
    for idx, pid in enumerate(component_ids):
        base = parts[idx % len(parts)]
        name = base if idx < len(parts) else f"{base} {idx // len(parts) + 1}"
        make = rng.random() < 0.4
        level = base[:2] if base[:2] in ("LL", "ML", "HL") else None
        ssl = rng.choice((1000, 800, 500))
        prefix = "".join(w[0] for w in base.replace("-", " ").split())[:2].upper().ljust(2, "X")
        rows.append(
            (
                pid,
                name,
                f"{prefix}-{(pid * 7919) % 10000:04d}",
                int(make),
                0,
                rng.choice((None, None, None, "Black", "Silver")),
                ssl,
                ssl * 3 // 4,
                0,
                0,
                None,
                None,
                None,
                None,
                rng.choice((1, 2)) if make else 0,
                None,
                {"LL": "L ", "ML": "M ", "HL": "H "}.get(level or ""),
                None,
                None,
                None,
                "2008-04-30 00:00:00.000",
                None,
            )
        )
    # (prefix, model, colours, sizes, list price, line, class, style, subcategory, days)
    bikes_sizes = ("38", "40", "42", "44", "46", "48", "50", "52", "54", "56", "58", "60", "62")
    models = [
        ("BK", "Road-150", ("Red",), bikes_sizes[3::2], 3578.27, "R ", "H ", "U ", 2, 4),
        (
            "BK",
            "Mountain-100",
            ("Silver", "Black"),
            bikes_sizes[:6:2],
            3399.99,
            "M ",
            "H ",
            "U ",
            1,
            4,
        ),
        ("BK", "Road-250", ("Red", "Black"), bikes_sizes[3::2], 2443.35, "R ", "H ", "U ", 2, 4),
        (
            "BK",
            "Touring-1000",
            ("Blue", "Yellow"),
            bikes_sizes[4::2],
            2384.07,
            "T ",
            "H ",
            "U ",
            3,
            4,
        ),
        (
            "BK",
            "Mountain-200",
            ("Silver", "Black"),
            bikes_sizes[:5:2],
            2319.99,
            "M ",
            "H ",
            "U ",
            1,
            4,
        ),
        ("BK", "Road-650", ("Red", "Black"), bikes_sizes[3:], 782.99, "R ", "L ", "U ", 2, 4),
        (
            "BK",
            "Mountain-500",
            ("Silver", "Black"),
            bikes_sizes[1:8],
            564.99,
            "M ",
            "L ",
            "U ",
            1,
            4,
        ),
        (
            "BK",
            "Touring-3000",
            ("Blue", "Yellow"),
            bikes_sizes[3::2],
            742.35,
            "T ",
            "L ",
            "U ",
            3,
            4,
        ),
        ("BK", "Road-350-W", ("Yellow",), bikes_sizes[1:6], 1700.99, "R ", "M ", "W ", 2, 4),
        ("BK", "Mountain-300", ("Black",), bikes_sizes[:6], 1079.99, "M ", "M ", "U ", 1, 4),
        (
            "FR",
            "HL Road Frame -",
            ("Red", "Black"),
            bikes_sizes[3:],
            1431.5,
            "R ",
            "H ",
            "U ",
            14,
            1,
        ),
        ("FR", "ML Road Frame -", ("Red",), bikes_sizes[3:], 594.83, "R ", "M ", "U ", 14, 1),
        (
            "FR",
            "LL Road Frame -",
            ("Red", "Black"),
            bikes_sizes[3:],
            337.22,
            "R ",
            "L ",
            "U ",
            14,
            1,
        ),
        (
            "FR",
            "HL Mountain Frame -",
            ("Silver", "Black"),
            bikes_sizes[:7],
            1364.5,
            "M ",
            "H ",
            "U ",
            12,
            2,
        ),
        ("FR", "ML Mountain Frame -", ("Black",), bikes_sizes[:7], 348.76, "M ", "M ", "U ", 12, 2),
        (
            "FR",
            "HL Touring Frame -",
            ("Blue", "Yellow"),
            bikes_sizes[4:],
            1003.91,
            "T ",
            "H ",
            "U ",
            16,
            1,
        ),
        ("TG", "Women's Tights", ("Black",), ("S", "M", "L"), 74.99, "S ", None, "W ", 24, 0),
        (
            "LJ",
            "Long-Sleeve Logo Jersey",
            ("Multi",),
            ("S", "M", "L", "XL"),
            49.99,
            "S ",
            None,
            "U ",
            21,
            0,
        ),
        (
            "SJ",
            "Short-Sleeve Classic Jersey",
            ("Yellow",),
            ("S", "M", "L", "XL"),
            53.99,
            "S ",
            None,
            "U ",
            21,
            0,
        ),
        (
            "SH",
            "Men's Sports Shorts",
            ("Black",),
            ("S", "M", "L", "XL"),
            59.99,
            "S ",
            None,
            "M ",
            22,
            0,
        ),
        ("GL", "Full-Finger Gloves", ("Black",), ("S", "M", "L"), 37.99, "M ", None, "U ", 20, 0),
        ("VE", "Classic Vest", ("Blue",), ("S", "M", "L"), 63.5, "S ", None, "U ", 25, 0),
        (
            "HL",
            "Sport-100 Helmet",
            ("Red", "Black", "Blue"),
            (None,),
            34.99,
            "S ",
            None,
            None,
            31,
            0,
        ),
    ]
    finished: list[tuple] = []
    for prefix, model, colours, sizes, price, line, cls, style, subcat, days in models:
        for colour in colours:
            for size in sizes:
                name = f"{model} {colour}" + (f", {size}" if size else "")
                finished.append((prefix, name, colour, size, price, line, cls, style, subcat, days))
    accessories = [
        "Water Bottle - 30 oz.",
        "Cable Lock",
        "Minipump",
        "Fender Set - Mountain",
        "Patch Kit/8 Patches",
        "Mountain Bottle Cage",
        "Road Bottle Cage",
        "Hitch Rack - 4-Bike",
        "Bike Wash - Dissolver",
        "HL Road Handlebars",
        "HL Road Pedal",
        "HL Road Seat/Saddle",
        "HL Road Front Wheel",
        "HL Mountain Rear Wheel",
        "Road Tire Tube",
        "HL Road Tire",
        "Headlights - Dual-Beam",
        "Taillights - Battery-Powered",
        "All-Purpose Bike Stand",
        "Touring-Panniers, Large",
    ]
    k = 0
    while len(finished) < BIKE_PRODUCTS_FINISHED:
        base = accessories[k % len(accessories)]
        name = base if k < len(accessories) else f"{base} {k // len(accessories) + 1}"
        price = round(rng.uniform(2.29, 160.0), 2)
        finished.append(("AC", name, None, None, price, "S ", None, None, 30 + k % 8, 0))
        k += 1
    for idx, (prefix, name, colour, size, price, line, cls, style, subcat, days) in enumerate(
        finished[:BIKE_PRODUCTS_FINISHED]
    ):
        pid = 680 + idx
        list_price = round(price * (1 + 0.01 * (idx % 3)), 2) if prefix == "BK" else price
        numeric_size = size is not None and size.isdigit()
        if prefix == "BK":
            weight, weight_unit = round(rng.uniform(13.0, 30.0), 2), "LB "
        elif prefix == "FR":
            weight, weight_unit = round(rng.uniform(2.1, 3.6), 2), "LB "
        elif prefix == "AC" and rng.random() < 0.3:
            weight, weight_unit = round(rng.uniform(100, 900), 2), "G  "
        else:
            weight, weight_unit = None, None
        start = rng.choice(("2011-05-31", "2012-05-30", "2013-05-30"))
        end = None
        if start != "2013-05-30" and rng.random() < 0.4:
            end = f"{int(start[:4]) + 1}-05-29 00:00:00.000"
        rows.append(
            (
                pid,
                name,
                f"{prefix}-{(pid * 7919) % 10000:04d}" + (f"-{size}" if size else ""),
                1 if prefix in ("BK", "FR") else 0,
                1,
                colour,
                100 if prefix == "BK" else 500 if prefix == "FR" else 4,
                75 if prefix == "BK" else 375 if prefix == "FR" else 3,
                round(list_price * rng.uniform(0.45, 0.62), 4),
                list_price,
                size,
                "CM " if numeric_size else None,
                weight_unit,
                weight,
                days,
                line,
                cls,
                style,
                subcat,
                1 + idx % 128,
                f"{start} 00:00:00.000",
                end,
            )
        )
    return rows


def bike_special_offers(seed: int, finished_ids: list[int]) -> list[tuple[int, int]]:
    """(special offer, product) pairs: offer 1 for every finished product, others sampled."""
    rng = random.Random(f"offers:{seed}")
    pairs = [(1, pid) for pid in finished_ids]
    for offer, count in OFFER_PAIRS.items():
        pairs += [(offer, pid) for pid in sorted(rng.sample(finished_ids, count))]
    return sorted(pairs)
