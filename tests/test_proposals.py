"""site-builder draft (site_builder/proposals/): what it proposes from articles of different
styles, what it writes, prints and refuses."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_main, snapshot, write_files

from site_builder.build import typed_entry
from site_builder.model import Source
from site_builder.proposals import Proposal, draft_source, propose
from site_builder.proposals.events import find_dates
from site_builder.proposals.figures import read_numbers
from site_builder.proposals.passages import read_source

FIXTURES = REPO / "tests" / "fixtures"
SITE_YAML = "title: Drafting\ndescription: A project to draft into.\nlanguage: en\ndefault_source: article\n"


def source_of(text: str, date: str = "") -> Source:
    """A source item whose body is the text."""
    front = "---\ntitle: A test source\n" + (f"date: {date}\n" if date else "") + "---\n"
    item, errors = typed_entry(
        (front + text).encode(), "sources", "article", "content/sources/article.md", ""
    )
    assert not errors and isinstance(item, Source)
    return item


def fixture_source(path: Path) -> Source:
    """The source of a fixture project."""
    item, errors = typed_entry(path.read_bytes(), "sources", path.stem, str(path.relative_to(REPO)), "")
    assert not errors and isinstance(item, Source)
    return item


def by_name(proposals: list[Proposal], kind: str) -> dict[str, Proposal]:
    """Proposals of one kind by their title."""
    return {p.title: p for p in proposals if p.kind == kind}


def empty_project(tmp_path: Path, source: Path = REPO / "content") -> Path:
    """A project holding only site.yaml and the sources of `source`."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    shutil.copy(source / "site.yaml", root / "content" / "site.yaml")
    shutil.copytree(source / "sources", root / "content" / "sources")
    return root


# --- the acceptance test: the Panjshir article drafted into an empty project -----------------


def test_panjshir_drafted_into_an_empty_project_builds_with_drafts_and_checks(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    drafted = run_main("draft", "article", "--root", root)
    assert drafted.returncode == 0, drafted.stderr
    assert "wrote content/pages/index.md: the project had no home page" in drafted.stdout
    people = sorted(path.name for path in (root / "content" / "people").iterdir())
    assert people == [
        "ahmad-massoud.md",
        "ahmad-sahel-arman.md",
        "ahmad-shah-massoud.md",
        "ali-nasary.md",
        "amir-khan-motaqi.md",
        "jalaluddin-sekandar.md",
    ]
    for path in (root / "content").glob("*/*.md"):
        if path.parent.name not in ("pages", "sources"):
            text = path.read_text("utf-8")
            assert text.startswith(
                "---\n# Proposed by site-builder draft from content/sources/article.md, line "
            )
            assert "\ndraft: true\n---\n" in text
    built = run_main("build", "--root", root, "--drafts", "--no-cache", "--out", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "people" / "ali-nasary" / "index.html").is_file()
    for flags in ([], ["--drafts"]):
        checked = run_main("check", "--root", root, *flags)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert checked.stdout.rstrip().endswith("no problems")


def test_the_documented_walk_through_runs_as_written(tmp_path: Path) -> None:
    """docs/content.md, "Start from the article": its commands, in order, on the example project
    with the Panjshir article pasted in (serve left out: test_docs runs serve)."""
    text = (REPO / "docs" / "content.md").read_text("utf-8")
    section = text[text.index("## Start from the article") : text.index("What it proposes, kind by kind")]
    commands = [
        shlex.split(line.split("#")[0])[1:]
        for line in section.splitlines()
        if line.strip().startswith("site-builder ") and "serve" not in line
    ]
    assert [command[0] for command in commands] == ["draft", "draft", "draft", "check", "check", "publish"]
    assert run_main("new", tmp_path / "my-explainer").returncode == 0
    shutil.copy(REPO / "content/sources/article.md", tmp_path / "my-explainer/content/sources/article.md")
    for command in commands:
        if command[0] == "check" and "--drafts" not in command:  # step 6: publish two of them
            for path in ("people/ali-nasary.md", "glossary/nrf.md"):
                draft = tmp_path / "my-explainer/content" / path
                draft.write_text(draft.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
        argv = [str(tmp_path / "www") if arg == "/srv/www/explainer" else arg for arg in command]
        result = run_main(*argv, cwd=tmp_path)
        assert result.returncode == 0, (argv, result.stdout, result.stderr)
    assert (tmp_path / "www/people/ali-nasary/index.html").is_file()
    assert not (tmp_path / "www/people/ahmad-massoud").exists()


# --- articles of different styles -----------------------------------------------------------


def test_news_article_people_quotes_aliases_and_abbreviations() -> None:
    proposals = propose(fixture_source(REPO / "content" / "sources" / "article.md"))
    people = by_name(proposals, "people")
    nasary = people["Ali Nasary"].fields
    assert nasary["role"] == "Head of foreign relations for the NRF"
    assert nasary["quote"] == "Ali Nasary, head of foreign relations for the NRF"
    assert nasary["aliases"] == ["Nasary"]
    assert nasary["quotes"][0] == {
        "text": "are unable to challenge the Panjshir Valley, which has been impregnable for the "
        "past half a century",
        "context": "to BBC Radio 4\u2019s Today programme",
    }
    massoud = people["Ahmad Massoud"].fields
    assert massoud["aliases"] == ["the younger Massoud"]
    assert massoud["age"] == 32
    assert massoud["quotes"][-1]["text"].startswith("We have a sufficient amount of equipment")
    assert massoud["quotes"][-1]["context"] == "speaking to CNN"
    assert people["Amir Khan Motaqi"].fields["role"] == "Senior Taliban leader"
    assert people["Ahmad Sahel Arman"].fields["role"] == "Photographer credited by AFP"
    terms = by_name(proposals, "glossary")
    assert terms["National Resistance Front"].fields["abbr"] == "NRF"
    assert terms["National Resistance Front"].fields["quote"] == "National Resistance Front (NRF)"
    assert terms["Getty Images"].fields["aliases"] == ["Getty"]
    places = by_name(proposals, "places")
    assert places["Astana"].fields["kind"] == "area"
    assert places["Panjshir province"].fields["kind"] == "province"
    figures = {(p.fields["value"], p.fields["unit"]): p.fields for p in proposals if p.kind == "figures"}
    assert figures[(50, "years")]["display"] == "half a century"
    assert figures[(7000000000, "GBP")]["qualifier"] == "more than"
    assert figures[(7, "fighters")]["attribution"] == "two resistance leaders"
    assert figures[(9.7, "%")]["attribution"] == "Fitch Solutions"
    assert figures[(30, "miles")]["attribution"] == "Ali Nasary"


def test_encyclopedia_article_curly_quotes_citation_markers_and_numbers_in_words() -> None:
    proposals = propose(
        fixture_source(FIXTURES / "draft-encyclopedia" / "content" / "sources" / "article.md")
    )
    people = by_name(proposals, "people")
    assert (
        people["Amina Okafor"].fields["quote"]
        == "Dr Amina Okafor, an ecologist at the University of Hebden Cross"
    )
    assert people["Rhys Penhale"].fields["quotes"] == [
        {
            "text": "We have never seen the reservoir this low",
            "context": "in an interview with the Northmoor Gazette",
        },
        {
            "text": "until the autumn rains have done their work",
            "context": "in an interview with the Northmoor Gazette",
        },
    ]
    figures = {p.fields["value"]: p.fields for p in proposals if p.kind == "figures"}
    assert figures[62]["display"] == "sixty-two" and figures[62]["unit"] == "species"
    assert figures[3000000]["unit"] == "litres"
    assert figures[4200000]["unit"] == "GBP"
    assert figures[12]["qualifier"] == "about"
    for fields in figures.values():  # a citation marker never ends a quote
        assert not fields["quote"].rstrip(".").endswith("]")
    events = {
        str(p.fields.get("date", p.fields.get("start"))): p.fields for p in proposals if p.kind == "events"
    }
    assert events["1936-10-09"]["quote"].endswith("closed on 9 October 1936.")
    assert events["1931"]["end"] == "1936"
    assert events["1970s"]["title"] == "In the 1970s the dam was found to be leaking"
    places = by_name(proposals, "places")
    assert places["Kestrel Reservoir"].fields["quote"] == "Kestrel Reservoir is a reservoir"
    assert by_name(proposals, "glossary")["Institution of Civil Engineers"].fields["abbr"] == "ICE"


def test_straight_quotes_and_a_day_without_its_year() -> None:
    proposals = propose(fixture_source(FIXTURES / "second-explainer" / "content" / "sources" / "report.md"))
    quill = by_name(proposals, "people")["Mara Quill"].fields
    assert [quote["text"] for quote in quill["quotes"]] == [
        "The water rose 1.8 metres in under six hours",
        "Nobody alive here had seen anything like it.",
        "We will ask the authority to raise the barrier before next winter",
    ]
    dates = [p.fields.get("date", p.fields.get("start")) for p in proposals if p.kind == "events"]
    assert "2024-03-07" in dates  # "on 7 March", after "6 March 2024" in the same sentence
    assert by_name(proposals, "places")["Lower Wend district"].fields["aliases"] == ["Lower Wend"]


# --- the rules, one at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Dr Jane Roe, a chemist at the mill, spoke.", {"people": ["Jane Roe"]}),
        ("Residents of the town of Marsh End voted.", {"places": ["Marsh End"]}),
        ("Crops failed in northern Freedonia and in Ruritania.", {"places": ["Freedonia", "Ruritania"]}),
        (
            "The Wold Harbour Board (WHB) met the Dale Gazette.",
            {"glossary": ["Wold Harbour Board", "Dale Gazette"]},
        ),
        ("Luckily nobody came. Despite that, Heavy rain fell.", {}),
        ("Sam Ode said so, and Ode added more.", {"people": ["Sam Ode"]}),
        ("They joined the Fen Farmers' Union last year.", {"glossary": ["Fen Farmers' Union"]}),
    ],
)
def test_names_sorted_into_kinds(text: str, kinds: dict[str, list[str]]) -> None:
    proposals = propose(source_of(text))
    found: dict[str, list[str]] = {}
    for proposal in proposals:
        if proposal.kind in ("people", "places", "glossary"):
            found.setdefault(proposal.kind, []).append(proposal.title)
    assert found == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 1,200 men worked there.", [(1200, "men", "1,200", "some")]),
        ("It cost £4.2 million in all.", [(4200000, "GBP", "£4.2 million", "")]),
        ("It cost $2.5m, a third of it.", [(2500000, "USD", "$2.5m", "")]),
        ("Prices rose 9.7 per cent last year.", [(9.7, "%", "9.7 per cent", "")]),
        ("At least seven Taliban fighters were killed.", [(7, "fighters", "seven", "at least")]),
        ("They counted sixty-two species of bird.", [(62, "species", "sixty-two", "")]),
        ("It held for half a century.", [(50, "years", "half a century", "")]),
        ("Listen to BBC Radio 4 tonight.", []),
        ("One political force and the 1980s.", []),
    ],
)
def test_numbers_in_words_and_digits(text: str, expected: list[tuple[float, str, str, str]]) -> None:
    reading = read_source(source_of(text))
    numbers = read_numbers(reading.passages[0], find_dates(reading))
    assert [(n.value, n.unit, n.display, n.qualifier) for n in numbers] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began on August 27, 2021, at dawn.", [{"date": "2021-08-27"}]),
        ("It began on Monday, Aug. 30, 2021.", [{"date": "2021-08-30"}]),
        ("It began on 9 October 1936.", [{"date": "1936-10-09"}]),
        ("Work began in March 1931.", [{"date": "1931-03"}]),
        ("It was built between 1931 and 1936.", [{"start": "1931", "end": "1936"}]),
        (
            "They held in the 1980s and a decade later.",
            [{"date": "1980s"}, {"date": "1990s", "approximate": True}],
        ),
        ("It will be replaced by 2027.", [{"date": {"before": "2027"}}]),
        (
            "Forces stood guard on August 27, 2021, following their takeover of Kabul.",
            [{"date": "2021-08-27"}, {"date": {"before": "2021-08-27"}}],
        ),
        ("The meeting is on 28 May.", [{"date": "2024-05-28", "approximate": True}]),
        ("They spoke on Tuesday morning.", [{"date": "2024-05-21", "approximate": True}]),
    ],
)
def test_dates_as_precise_as_the_text(text: str, expected: list[dict[str, object]]) -> None:
    reading = read_source(source_of(text, date="2024-05-23"))
    assert [dated.when for dated in find_dates(reading)] == expected


def test_a_weekday_without_a_dated_source_is_not_dated() -> None:
    assert find_dates(read_source(source_of("They spoke on Thursday morning."))) == []


def test_quotations_pair_straight_and_curly_marks_and_run_on_when_left_open() -> None:
    reading = read_source(
        source_of(
            'He said his forces are fighting "intolerance and oppression\u201d today.\n\n'
            "He said: \u201cUnfortunately the attacks go on...\n\n"
            "\u201cLuckily all attacks have been repelled.\u201d\u2019\n"
        )
    )
    assert [q.span.text for q in reading.quotations] == [
        "intolerance and oppression",
        "Unfortunately the attacks go on...",
        "Luckily all attacks have been repelled.",
    ]


# --- what the command writes and prints -----------------------------------------------------

SMALL_SOURCE = (
    "---\ntitle: Talks\n---\n"
    "Ali Nasary, head of foreign relations for the National Resistance Front (NRF), said on "
    "9 October 2021 that more than 30 fighters had left the town of Bazarak in Panjshir province.\n\n"
    '"We will not give up," Nasary said.\n'
)


def small_project(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """A project with one short source and whatever else is given."""
    return write_files(
        tmp_path / "small",
        {"content/site.yaml": SITE_YAML, "content/sources/article.md": SMALL_SOURCE, **(extra or {})},
    )


def test_dry_run_prints_a_table_and_writes_nothing(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(root)
    result = run_main("draft", "article", "--root", root, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert snapshot(root) == before
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["KIND", "FILE", "LINE", "NAME", "SOURCE", "WORDS"]
    assert lines[1].split()[:4] == ["people", "content/people/ali-nasary.md", "4", "Ali"]
    assert "would write 6 files from content/sources/article.md (each proposal with draft: true)" in lines
    assert "would write content/pages/index.md: the project had no home page, and build needs one" in lines


def test_json_lists_each_kind_with_fields_and_source_line(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    result = run_main("draft", "article", "--root", root, "--dry-run", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "people",
        "places",
        "figures",
        "events",
        "glossary",
        "skipped",
        "home_page",
        "written",
    ]
    (person,) = data["people"]
    assert person == {
        "slug": "ali-nasary",
        "file": "content/people/ali-nasary.md",
        "line": 4,
        "fields": {
            "name": "Ali Nasary",
            "role": "Head of foreign relations for the National Resistance Front (NRF)",
            "summary": "To write: one line on who they are (see the source line named above).",
            "quote": "Ali Nasary, head of foreign relations for the National Resistance Front (NRF)",
            "aliases": ["Nasary"],
            "affiliations": ["nrf"],
            "quotes": [{"text": "We will not give up"}],
        },
    }
    assert [(f["fields"]["value"], f["fields"]["attribution"]) for f in data["figures"]] == [
        (30, "Ali Nasary")
    ]
    assert data["events"][0]["fields"]["date"] == "2021-10-09"
    assert [p["fields"]["part_of"] for p in data["places"] if "part_of" in p["fields"]] == [
        "panjshir-province"
    ]
    assert data["written"] is False and data["home_page"] == "content/pages/index.md"


def test_never_overwrites_a_file_and_takes_another_slug(tmp_path: Path) -> None:
    taken = "---\nterm: Nothing to do with it\ndefinition: An unrelated term that has the slug.\n---\n"
    root = small_project(tmp_path, {"content/glossary/nrf.md": taken})
    result = run_main("draft", "article", "--root", root)
    assert result.returncode == 0, result.stderr
    assert (root / "content/glossary/nrf.md").read_text("utf-8") == taken
    assert "term: National Resistance Front" in (root / "content/glossary/nrf-2.md").read_text("utf-8")
    assert "affiliations: [nrf-2]" in (root / "content/people/ali-nasary.md").read_text("utf-8")
    again = run_main("draft", "article", "--root", root)  # a second run: everything is there now
    assert again.returncode == 0, again.stderr
    assert "wrote 0 files" in again.stdout
    assert (root / "content/glossary/nrf.md").read_text("utf-8") == taken


def test_skips_candidates_an_existing_item_names_or_aliases(tmp_path: Path) -> None:
    existing = {
        "content/people/nasary.md": "---\nname: A. Nasary\nrole: Spokesman\nsummary: Speaks.\n"
        "aliases: [Nasary]\n---\n",
        "content/places/panjshir.md": "---\nname: Panjshir province\nkind: province\n"
        "summary: A province.\n---\n",
    }
    root = small_project(tmp_path, existing)
    result = run_main("draft", "article", "--root", root)
    assert result.returncode == 0, result.stderr
    assert not (root / "content/people/ali-nasary.md").exists()
    assert not (root / "content/places/panjshir-province.md").exists()
    assert "left out 2 candidates an existing item already covers:" in result.stdout
    assert "  people: Ali Nasary (line 4), see content/people/nasary.md" in result.stdout
    assert "  places: Panjshir province (line 4), see content/places/panjshir.md" in result.stdout
    bazarak = (root / "content/places/bazarak.md").read_text("utf-8")
    assert "part_of: panjshir" in bazarak  # a reference to the existing item, by its slug


def test_a_slug_a_built_section_has_is_not_taken(tmp_path: Path) -> None:
    source = "---\ntitle: Talks\n---\nThe Timeline Trust (TT) met in the town of Search.\n"
    root = small_project(tmp_path, {"content/sources/article.md": source})
    result = run_main("draft", "article", "--root", root)
    assert result.returncode == 0, result.stderr
    assert (root / "content/places/search-2.md").is_file()  # /search/ is the search page
    assert run_main("check", "--root", root, "--drafts").returncode == 0


def test_mentions_in_a_quote_are_matched_with_their_case() -> None:
    source = source_of(
        "US forces left. Officials in Kabul said more than 300 people were better off than us.\n"
    )
    (figure,) = [p for p in draft_source(source, [], set()).proposals if p.kind == "figures"]
    assert figure.fields["quote"] == "Officials in Kabul said more than 300 people were better off than us."
    assert "places" not in figure.fields or "us" not in figure.fields["places"]


def test_a_source_with_nothing_to_propose(tmp_path: Path) -> None:
    root = small_project(tmp_path, {"content/sources/article.md": "---\ntitle: Nothing\n---\n"})
    result = run_main("draft", "article", "--root", root, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would write 0 files from content/sources/article.md" in result.stdout


def test_unknown_source_slug_says_which_exist(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    result = run_main("draft", "artcle", "--root", root)
    assert result.returncode == 2
    assert result.stderr == (
        f"site-builder: error: no source 'artcle' in {root / 'content' / 'sources'} "
        "(did you mean 'article'?): the sources are article\n"
    )


def test_missing_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run_main("draft", "article", "--root", tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr == (
        f"site-builder: error: {tmp_path / 'nowhere' / 'content'} does not exist: --root must hold a "
        "content/ folder (start an explainer with 'site-builder new DIR', then put the article in "
        "content/sources/)\n"
    )


def test_a_broken_project_is_reported_and_nothing_written(tmp_path: Path) -> None:
    root = small_project(tmp_path, {"content/people/bad.md": "---\nname: [unclosed\n---\n"})
    before = snapshot(root)
    result = run_main("draft", "article", "--root", root)
    assert result.returncode == 1
    assert result.stderr.startswith("content/people/bad.md:")
    assert snapshot(root) == before
