from django.urls import path

from . import views

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<str:key>/", views.indicator_page, name="indicator-page"),
    path("targets/", views.TargetListView.as_view(), name="target-list"),
    path("figures/", views.FigureListView.as_view(), name="figure-list"),
]
