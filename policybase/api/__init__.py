"""The ``/api/v1/`` URL configuration (``urls.py``): the one router that lists
every app's resources.  The toolkit the resources are built with lives in
``documents.apikit``."""
