"""The user's words are data in the prompt, never template code; broken templates say so."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_cases import make_case

from bot import paths
from bot.advice import Recommendation
from bot.case import CaseState
from bot.errors import TemplateError
from bot.facts import TaskType
from bot.prompting import PromptRenderer

MakeCase = Callable[..., tuple[CaseState, Recommendation]]


@pytest.mark.parametrize(
    "text",
    ["We score {{ 7*7 }} leads a day", "{% include 'x' %} please", "notes {# hidden? #} here"],
)
def test_template_syntax_in_the_description_comes_out_literally(case: MakeCase, text: str) -> None:
    prompt = PromptRenderer().render(*case(description=text))
    assert text in prompt
    assert "49" not in prompt


def test_template_syntax_in_the_domain_comes_out_literally(case: MakeCase) -> None:
    prompt = PromptRenderer().render(*case(domain="{{ ctx.description }}"))
    assert "working in the {{ ctx.description }} domain" in prompt


def test_a_very_long_description_is_accepted_and_cut(case: MakeCase) -> None:
    text = "word " * 5000
    prompt = PromptRenderer().render(*case(description=text))
    assert "[…]" in prompt
    assert len(prompt) < 6000


def _copy_prompts(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(paths.prompts_dir(), target)
    return target


def test_missing_prompts_folder_raises_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="prompt templates folder not found"):
        PromptRenderer(tmp_path / "nowhere")


def test_missing_task_template_raises_template_error_naming_it(tmp_path: Path) -> None:
    prompts = _copy_prompts(tmp_path)
    (prompts / "translation.j2").unlink()
    with pytest.raises(TemplateError, match=r"'translation\.j2' not found"):
        PromptRenderer(prompts)


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    prompts = _copy_prompts(tmp_path)
    (prompts / "code.j2").write_text('{% extends "_layout.j2" %}\n{% block task %}\n{% if %}\n')
    with pytest.raises(TemplateError, match=r"code\.j2:3: broken prompt template"):
        PromptRenderer(prompts)


def test_undefined_name_in_a_template_raises_template_error(tmp_path: Path, case: MakeCase) -> None:
    prompts = _copy_prompts(tmp_path)
    (prompts / "summarization.j2").write_text(
        '{% extends "_layout.j2" %}\n{% block task %}\n{{ ctx.no_such_fact }}\n{% endblock %}\n'
    )
    renderer = PromptRenderer(prompts)
    with pytest.raises(TemplateError, match="no_such_fact"):
        renderer.render(*case(task_type=TaskType.SUMMARIZATION))


def test_prompts_folder_can_be_moved_with_an_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: MakeCase
) -> None:
    prompts = _copy_prompts(tmp_path)
    (prompts / "other.j2").write_text(
        '{% extends "_layout.j2" %}\n{% block task %}\nMOVED\n{% endblock %}\n'
    )
    monkeypatch.setenv("ADVISOR_PROMPTS", str(prompts))
    assert "MOVED" in PromptRenderer().render(*case())


def test_compiled_templates_are_reused_until_their_source_changes(
    tmp_path: Path, case: MakeCase
) -> None:
    """The cache of compiled templates (jinja2's per-user folder) never serves an old
    template: an edit shows at once, and a template broken after it was cached still fails
    at start."""
    prompts = _copy_prompts(tmp_path)
    task = case(task_type=TaskType.SUMMARIZATION)
    layout = prompts / "_layout.j2"
    first = PromptRenderer(prompts).render(*task)
    assert PromptRenderer(prompts).render(*task) == first
    layout.write_text("EDITED\n" + layout.read_text())
    assert PromptRenderer(prompts).render(*task).startswith("EDITED")
    (prompts / "summarization.j2").write_text("{% if %}\n")
    with pytest.raises(TemplateError, match=r"summarization\.j2:1: broken prompt template"):
        PromptRenderer(prompts)


SHARED_RENDERER = PromptRenderer()


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_any_description_comes_out_exactly_as_written(text: str) -> None:
    state, rec = make_case(description=text)
    prompt = SHARED_RENDERER.render(state, rec)
    assert text.strip() in prompt
