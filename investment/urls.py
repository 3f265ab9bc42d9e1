from django.urls import path

from investment import views

app_name = "investment"

urlpatterns = [
    path("projects/", views.FdiProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", views.FdiProjectDetailView.as_view(), name="project-detail"),
]
