import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
django_application = get_wsgi_application()

# A stored public page is answered before Django builds a request (ADR 0046).
from loalang.portal.pagecache import PageCacheApp  # noqa: E402  (needs the settings loaded)

application = PageCacheApp(django_application)
