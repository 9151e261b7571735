from loalang.accounts.access import Cap
from loalang.testing.matrix import Case

CASES = [
    Case("home:commune_home", Cap.VIEW),
    Case("home:audit_list", Cap.AUDIT),
]
