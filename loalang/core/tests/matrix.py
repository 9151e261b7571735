from loalang.accounts.access import Cap
from loalang.core.testing.matrix import Case

CASES = [
    Case("core:commune_home", Cap.VIEW),
    Case("core:audit_list", Cap.AUDIT),
]
