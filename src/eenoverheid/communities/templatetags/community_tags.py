from django import template

from eenoverheid.communities.markdown import render

register = template.Library()


@register.filter
def markdown(text: str):
    """Markdown rendered to sanitized HTML."""
    return render(text)
