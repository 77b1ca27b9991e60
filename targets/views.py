from django.shortcuts import get_object_or_404, render

from .models import Indicator


def indicator_page(request, key):
    indicator = get_object_or_404(Indicator, key=key)
    targets = indicator.targets.visible().select_related("document", "provision")
    figures = indicator.figures.visible().select_related("document", "provision")
    return render(
        request,
        "targets/indicator.html",
        {"indicator": indicator, "targets": targets, "figures": figures},
    )
