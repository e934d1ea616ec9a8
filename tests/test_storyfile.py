"""Story files: the Markdown and JSON forms, and the errors for malformed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from starl.store import Store
from starl.storyfile import (
    StoryFileError,
    parse_json,
    parse_markdown,
    read_story_file,
    to_json,
    to_markdown,
)


def test_three_stories_parse_with_their_parts(story_markdown: str) -> None:
    records = parse_markdown(story_markdown, "three.md")
    assert [r.draft.title for r in records] == [
        "The churn model that failed in production",
        "Mentoring a junior engineer through their first launch",
        "Disagreeing with my manager on the launch date",
    ]
    first = records[0].draft
    assert first.situation.startswith("At a streaming startup")
    assert first.result.startswith("Top-decile precision went from 11% to 34%")
    assert all(r.id is None for r in records)


def test_front_matter_and_headings_inside_text_survive_a_round_trip(tmp_path: Path) -> None:
    text = (
        "# Rolled back a ranking model\n\n---\nid: rolled-back\nthemes: [failure]\n"
        "values: [amazon:ownership, Dive Deep]\ncreated: 2026-01-02T03:04:05+00:00\n---\n\n"
        "## Situation\n\nLine one.\n\\# not a title, a line that starts with a hash\n\n"
        "## Action\n\nI rolled it back.\n\\---\nstill the action\n"
    )
    record = parse_markdown(text, "x.md")[0]
    assert record.id == "rolled-back"
    assert record.draft.values == ("amazon:ownership", "amazon:dive-deep")  # names resolve
    assert record.draft.situation == "Line one.\n# not a title, a line that starts with a hash"
    assert record.draft.action == "I rolled it back.\n---\nstill the action"
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.import_records([record])
    exported = to_markdown(store.list_stories())
    assert "\\# not a title" in exported
    again = parse_markdown(exported, "again.md")[0]
    assert again.draft == record.draft
    assert again.created_at == record.created_at
    store.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Some notes first\n# Title\n## Action\nx\n", "three.md:1: expected a '# Title' line"),
        ("# Title\n## Approach\nx\n", "three.md:2: unknown section '## Approach'"),
        ("# Title\n## Action\nx\n## Action\ny\n", "three.md:4: a second '## Action' section"),
        ("# Title\nstray text\n## Action\nx\n", "three.md:2: text before the first section"),
        (
            "# Title\n---\nid: [unclosed\n---\n## Action\nx\n",
            "three.md:3: front matter is not valid",
        ),
        ("# Title\n---\nauthor: me\n---\n## Action\nx\n", "unknown front matter key 'author'"),
        ("# Title\n---\nid: x\n## Action\nx\n", "three.md:2: front matter opened with '---'"),
        ("# Title\n---\nvalues: [amazon:telepathy]\n---\n## Action\nx\n", "unknown value"),
        ("# Title\n---\nid: Not An Id\n---\n## Action\nx\n", "id 'Not An Id' is not valid"),
        ("# Title\n## Action\n\n## Result\n", "has no STARL sections with text"),
        ("\n\n", "no stories found"),
    ],
)
def test_malformed_markdown_names_file_and_line(text: str, message: str) -> None:
    with pytest.raises(StoryFileError, match=message.replace("[", r"\[").replace("(", r"\(")):
        parse_markdown(text, "three.md")


def test_json_forms_and_errors() -> None:
    one = parse_json('{"title": "T", "action": "I did it."}', "a.json")
    assert one.stories[0].draft.action == "I did it."
    listed = parse_json('[{"title": "T", "action": "x"}, {"title": "U", "lesson": "y"}]', "b.json")
    assert len(listed.stories) == 2
    with pytest.raises(StoryFileError, match=r"c.json:2: not valid JSON"):
        parse_json('{"stories": [\n  {"title": "T",,}]}', "c.json")
    with pytest.raises(StoryFileError, match="story 1: 'title' must be non-empty"):
        parse_json('[{"action": "x"}]', "d.json")
    with pytest.raises(StoryFileError, match="unknown field 'colour'"):
        parse_json('[{"title": "T", "action": "x", "colour": "red"}]', "e.json")


def test_files_that_are_not_stories(tmp_path: Path) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes("# Caf\xe9\n## Action\nx\n".encode("latin-1"))
    empty = tmp_path / "empty.md"
    empty.write_text("  \n")
    for path, message in (
        (binary, "looks like a binary file"),
        (latin, "latin.md:1: not UTF-8"),
        (empty, "is empty"),
        (tmp_path / "missing.md", "no such file"),
        (tmp_path, "is a directory"),
    ):
        with pytest.raises(StoryFileError, match=message):
            read_story_file(path)


def test_full_backup_json_keeps_revisions_and_attempts(tmp_path: Path) -> None:
    from dataclasses import replace

    source = Store(f"sqlite:///{tmp_path / 'a.db'}")
    story = source.add_story(parse_markdown("# T\n## Action\nI did it.\n")[0].draft)
    source.save_story(story.id, replace(story, lesson="Now I check first."))
    source.add_attempt(question_text="Q", answer="A", analysis={"score": 61})
    stories = source.list_stories()
    backup = to_json(stories, {s.id: source.history(s.id) for s in stories}, source.attempts())
    target = Store(f"sqlite:///{tmp_path / 'b.db'}")
    bundle = parse_json(backup, "backup.json")
    target.import_records(bundle.stories, bundle.attempts)
    assert [r.note for r in target.history(story.id)] == ["created", "edited"]
    assert target.get_story(story.id).revision == 2
    assert [a.score for a in target.attempts()] == [61]
    restored = target.list_stories()
    again = to_json(restored, {s.id: target.history(s.id) for s in restored}, target.attempts())
    assert _without_attempt_ids(again) == _without_attempt_ids(backup)
    source.close()
    target.close()


def _without_attempt_ids(text: str) -> str:
    import json

    data = json.loads(text)
    for attempt in data.get("attempts", []):
        attempt.pop("id")
    return json.dumps(data)
