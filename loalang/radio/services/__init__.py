"""Every write of the radio app. Import from here: `from loalang.radio.services import …`."""

from loalang.radio.services.broadcasts import (  # noqa: F401
    broadcast_confirm,
    broadcast_confirm_session,
    broadcast_import_vendor_csv,
    bulletin_aired_by_players,
    bulletin_put_on_air,
)
from loalang.radio.services.bulletins import (  # noqa: F401
    ExternalRefConflict,
    bulletin_approve,
    bulletin_create_draft,
    bulletin_create_from_province,
    bulletin_return,
    bulletin_submit,
    bulletin_update,
    bulletin_withdraw,
    recording_upload,
)
from loalang.radio.services.notices import bulletin_notice_for_event  # noqa: F401
from loalang.radio.services.setup import (  # noqa: F401
    cluster_save,
    lexicon_delete,
    lexicon_save,
    radio_settings_save,
    slot_save,
)
from loalang.radio.services.synthesis import (  # noqa: F401
    version_retry,
    version_synthesize,
)
