from django.urls import path

from delegations import views

app_name = "delegations"

urlpatterns = [
    path("delegations/", views.DelegationListView.as_view(), name="list"),
    path("delegations/<int:pk>/", views.DelegationDetailView.as_view(), name="detail"),
    path("events/", views.HostedEventListView.as_view(), name="event-list"),
    path("events/<int:pk>/", views.HostedEventDetailView.as_view(), name="event-detail"),
]
