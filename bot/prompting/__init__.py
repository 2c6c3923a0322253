"""The suggested stronger prompt: Jinja2 templates in ``prompts/`` rendered from the facts."""

from bot.prompting.context import PromptContext, build_context
from bot.prompting.renderer import PromptRenderer, template_name

__all__ = ["PromptContext", "PromptRenderer", "build_context", "template_name"]
