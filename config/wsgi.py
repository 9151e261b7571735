import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
django_application = get_wsgi_application()

# A stored public page is answered before Django builds a request (ADR 0046).
from loalang.portal.pagecache import PageCacheApp  # noqa: E402  (needs the settings loaded)
from loalang.provinces.hosts import HostRouteApp  # noqa: E402

# A commune's own host name becomes its /<slug>/ path before the page cache keys the request
# (ADR 0121), so a cached page is found under the same key whichever way it was reached.
application = HostRouteApp(PageCacheApp(django_application))

# Everything imported so far lives as long as the worker: move it out of the garbage
# collector's generations, so the collections that requests trigger stop re-scanning it.
gc.freeze()
