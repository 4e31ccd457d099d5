"""Page furniture removal: each shape it removes, and the paragraphs it must keep."""

from __future__ import annotations

import pytest

from newscorpus.ingest.boilerplate import furniture, outlet, strip
from newscorpus.models import RemovedLine

BODY = [
    "Venezuela's opposition says its candidate won the vote by a wide margin, citing tallies from polling stations.",
    "The government has rejected the claim and arrested hundreds of protesters, rights groups said.",
]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share.", "navigation"),
        ("Exit mobile version", "navigation"),
        ("Skip to main content", "navigation"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Read Next:", "related"),
        ("See Also: Ten things to know about the election", "related"),
        ("RELATED: Opposition leader goes into hiding", "related"),
        ("Image via Wikimedia Commons", "image credit"),
        ("Photo: Jane Doe/Reuters", "image credit"),
        ("Protesters in Caracas on Monday. (Getty Images)", "image credit"),
        ("Subscribe to The Week", "newsletter"),
        ("Sign up for our free newsletter", "newsletter"),
        ("Get the best stories delivered directly to your inbox.", "newsletter"),
        ("By Peter Weber, The Week US", "byline"),
        ("By Jane Roe and John Doe", "byline"),
        ("© 2024 Example News. All rights reserved.", "copyright"),
        ("Reporting by Jane Roe; Editing by John Doe", "credit"),
        ("Published August 12, 2024", "timestamp"),
        ("-", "separator"),
        ("* * *", "separator"),
    ],
)
def test_furniture_shapes(line: str, reason: str) -> None:
    assert furniture(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, officials had arrested more than 2,000 people.",
        "By contrast, the opposition published its tallies online.",
        "The company's newsletter said profits rose by a third.",  # names a newsletter, but addresses no reader
        "Share prices fell sharply after the announcement on Friday.",
        "Photographs taken by observers show long queues at polling stations.",
        "Subscribers to the state broadcaster's service saw the results first, officials said, and the opposition "
        "complained that its own count, which it had posted online, was never shown on national television.",
        BODY[0],
        # found by review: each once matched a furniture shape
        "Research by the University of Oxford found that the vaccine was 90% effective.",
        "Updated figures show inflation fell to 3% in June.",
        "Published reports said the deal had collapsed.",
        "Copyright lawsuits against AI companies have multiplied this year.",
        "The drugmaker said a free trial of the treatment would begin in March.",
        "Customers said the company made it hard to unsubscribe from its service.",
        "The rule was issued by the Environmental Protection Agency (EPA).",
        "Support for the deal fell, according to an Ipsos/Reuters poll released on Tuesday.",
        "Video by a bystander showed the officer kneeling on the man's neck.",
    ],
)
def test_news_sentences_are_not_furniture(line: str) -> None:
    assert furniture(line) == ""


@pytest.mark.parametrize(
    "last",
    [
        "Smith did not respond to an email seeking comment.",
        "The company said it would launch the app in Europe next year.",
        "Smith was the author of the 2019 law that created the agency.",
    ],
)
def test_the_last_paragraph_is_news_even_with_promotional_words(last: str) -> None:
    assert strip(f"{BODY[0]}\n{last}").removed == []


@pytest.mark.parametrize(
    ("first", "is_menu"),
    [
        ("Election 2024 | Harris leads in new poll", False),  # a title with its section
        ("News | Sport | Weather | Travel", True),
        ("Weather\u00a0 \u00a0\u00a0 Live Markets", True),
        ("Protesters in Caracas,   police said.", False),
    ],
)
def test_navigation_bars_before_the_title(first: str, is_menu: bool) -> None:
    assert bool(strip(f"{first}\n{BODY[0]}").removed) is is_menu


def test_related_stories_and_bio_in_the_tail_go_the_body_stays() -> None:
    text = "\n".join(
        [
            "Title of the story",
            *BODY,
            "What next?",
            "Officials will meet again on Friday, the ministry said.",
            "Sign up for Today's Best Articles in your inbox",
            "A free daily email with the biggest news stories of the day",
            "Jane has worked as a reporter and editor at the Example since 2008.",
            "-",
            "How to travel with your dog",
            "Features These tips will help both of you",
            "By Catherine Garcia, Example US",
            "-",
            "Stocks slide as markets await the Fed",
            "Speed Read Investors sold shares ahead of the decision",
            "By Example Staff",
        ]
    )
    cleaned = strip(text)
    assert cleaned.body.splitlines() == [
        "Title of the story",
        *BODY,
        "What next?",
        "Officials will meet again on Friday, the ministry said.",
    ]
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Jane has worked as a reporter and editor at the Example since 2008."] == "author bio"
    assert reasons["How to travel with your dog"] == "related story"
    assert reasons["A free daily email with the biggest news stories of the day"] == "promotion"
    assert [r.line for r in cleaned.removed] == list(range(6, 17))


def test_a_list_that_ends_an_article_is_kept() -> None:
    text = "\n".join(
        [
            "Draw for the final round",
            BODY[0],
            "Lesotho v Malawi",
            "",
            "Zambia v Swaziland",
            "1 Roger Federer (Switzerland)",
        ]
    )
    assert strip(text).removed == []


def test_a_bio_in_the_middle_of_the_article_is_news() -> None:
    text = "\n".join([BODY[0], "Smith has worked as a reporter for the state broadcaster since 2019.", BODY[1]])
    assert strip(text).removed == []


def test_header_navigation_before_the_title() -> None:
    cleaned = strip("Weather\u00a0 \u00a0\u00a0 Live Markets\n\nThe State Department denied the report.\n")
    assert cleaned.body == "The State Department denied the report."
    assert cleaned.removed == [RemovedLine(line=1, text="Weather\u00a0 \u00a0\u00a0 Live Markets", reason="navigation")]


def test_promotion_between_furniture_lines_and_links_under_a_label() -> None:
    text = "\n".join(
        [
            BODY[0],
            "Subscribe to The Week",
            "Escape your echo chamber. Get the facts behind the news.",
            "",
            "Sign up for The Week's Free Newsletters",
            BODY[1],
            "Read more:",
            "Opposition leader goes into hiding",
            "Five charts that explain the vote",
            "Officials will meet again on Friday, the ministry said.",
        ]
    )
    cleaned = strip(text)
    body = [line for line in cleaned.body.splitlines() if line]
    assert body == [BODY[0], BODY[1], "Officials will meet again on Friday, the ministry said."]
    assert {r.reason for r in cleaned.removed} == {"newsletter", "promotion", "related"}


def test_a_repeated_paragraph_is_read_once() -> None:
    cleaned = strip("\n".join([BODY[0], BODY[1], BODY[0]]))
    assert cleaned.body.splitlines() == BODY
    assert cleaned.removed[0].reason == "repeated line"


def test_body_plus_removed_is_the_whole_text() -> None:
    text = "Share.\nSubscribe to The Week\n" + "\n".join(BODY) + "\n-\nBy Jane Roe, Example\n"
    cleaned = strip(text)
    kept = [line for line in text.splitlines() if line.strip()]
    assert sorted([*cleaned.body.splitlines(), *(r.text for r in cleaned.removed)]) == sorted(kept)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Subscribe to The Week", "The Week"),
        ("© 2024 Example News. All rights reserved", ""),
        ("© 2024 Example News", "Example News"),
        ("Copyright 2023 Reuters.", "Reuters"),
        ("Subscribe to our newsletter", ""),
    ],
)
def test_outlet_named_by_furniture(line: str, name: str) -> None:
    assert outlet([RemovedLine(line=1, text=line, reason="x")]) == name
