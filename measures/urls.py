from django.urls import path

from . import views

urlpatterns = [
    path("measures/", views.MeasureListView.as_view(), name="measure-list"),
    path("subsidies/", views.SubsidyListView.as_view(), name="subsidy-list"),
    path("match/", views.match_page, name="match"),
]
