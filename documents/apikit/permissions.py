"""Who may write: Django model permissions, so the curator group (made by
``manage.py setup_groups``) works as it does in the admin: the permission to
change a fact is the permission to curate it, and nothing here has to know
about groups."""

from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissions,
)


class CanCurate(BasePermission):
    """Reads for everyone; a curation needs an authenticated user holding
    ``<app>.change_<fact model>`` (as the admin, where every change of a fact
    becomes a Curation).  Anonymous writes get 401 (TokenAuthentication sends
    WWW-Authenticate), other users 403."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        opts = view.get_queryset().model._meta
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class ReadOnlyOrModelPermissions(DjangoModelPermissions):
    """The API default: anyone reads; a write needs an authenticated user with
    the model's add/change/delete permission.  Unlike DRF's
    DjangoModelPermissionsOrAnonReadOnly, a read does not require the view to
    have a queryset, so plain APIViews (search) are readable too."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "queryset", None) is None and not hasattr(
            view, "get_queryset"
        ):
            return False
        return super().has_permission(request, view)
