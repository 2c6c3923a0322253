"""Render the suggested prompt from the templates in ``prompts/``."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import jinja2

from bot import paths
from bot.advice import Recommendation
from bot.case import CaseState
from bot.errors import TemplateError
from bot.facts import TaskType
from bot.prompting.context import PromptContext, build_context

RAG_TEMPLATE = "rag.j2"
TASK_TEMPLATES: tuple[str, ...] = tuple(f"{task.value}.j2" for task in TaskType)
REQUIRED_TEMPLATES: tuple[str, ...] = (*TASK_TEMPLATES, RAG_TEMPLATE)
ENVIRONMENT_OPTIONS = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,  # loaded and checked once at start; no stat() per render
}


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """The templates compiled by an earlier run (compiling all of them costs more than the
    rest of the renderer's start), in jinja2's own cache folder: one per user, made 0700 and
    refused unless the user owns it. Each entry is keyed by the template's path, checked
    against a hash of its source (an edit recompiles it) and named after jinja2's version and
    these options (an upgrade or a change of options never reads an old entry). A cache that
    cannot be read or written only costs the compiling."""

    def __init__(self) -> None:
        settings = f"{jinja2.__version__} {sorted(ENVIRONMENT_OPTIONS.items(), key=str)}"
        tag = hashlib.sha256(settings.encode()).hexdigest()[:12]
        super().__init__(pattern=f"advisor-prompts-{tag}-%s.cache")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, EOFError, ValueError):  # unreadable: compile again
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates() -> CompiledTemplates | None:
    """The cache of compiled templates; None when there is no safe folder for one."""
    try:
        return CompiledTemplates()
    except (OSError, RuntimeError):  # RuntimeError: jinja2 found no folder the user owns alone
        return None


def template_name(ctx: PromptContext) -> str:
    """The template for a context: RAG when the strategy retrieves, else the task's own."""
    return RAG_TEMPLATE if ctx.uses_rag else f"{ctx.task_type}.j2"


class PromptRenderer:
    """Loads the prompt templates once (failing early if one is missing or broken)."""

    def __init__(self, prompts_dir: Path | None = None) -> None:
        self.prompts_dir = Path(prompts_dir) if prompts_dir is not None else paths.prompts_dir()
        if not self.prompts_dir.is_dir():
            raise TemplateError(
                f"prompt templates folder not found: {self.prompts_dir} "
                "(restore prompts/ or point ADVISOR_PROMPTS at it)"
            )
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.prompts_dir)),
            bytecode_cache=compiled_templates(),
            **ENVIRONMENT_OPTIONS,  # type: ignore[arg-type]
        )
        for name in REQUIRED_TEMPLATES:
            self._template(name)

    def render(self, state: CaseState, rec: Recommendation) -> str:
        """The suggested prompt for this case, written from its facts."""
        ctx = build_context(state, rec)
        name = template_name(ctx)
        template = self._template(name)
        try:
            return template.render(ctx=ctx)
        except jinja2.TemplateError as exc:
            raise self._error(name, exc) from exc

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self._env.get_template(name)
        except jinja2.TemplateError as exc:
            raise self._error(name, exc) from exc

    def _error(self, name: str, exc: jinja2.TemplateError) -> TemplateError:
        if isinstance(exc, jinja2.TemplateNotFound):
            return TemplateError(
                f"prompt template '{exc.name}' not found in {self.prompts_dir} "
                f"(needed for {name}; every task type needs one, plus {RAG_TEMPLATE})"
            )
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = f"{exc.filename or exc.name or name}:{exc.lineno}"
            return TemplateError(f"{where}: broken prompt template: {exc.message}")
        return TemplateError(f"{self.prompts_dir / name}: prompt template failed: {exc.message}")
