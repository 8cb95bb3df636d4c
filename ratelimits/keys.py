"""What one sender is, for a limit: the forms that count as the same.

Used for counting only; what is stored or mailed keeps the address as given.
"""

import ipaddress

# Providers that ignore dots in the local part, and the name each goes by.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
# An IPv6 network hands each customer at least a /64: the whole /64 is one
# sender, or anyone with one could send from eighteen quintillion addresses.
IPV6_PREFIX = 64


def network(ip):
    """The sender behind an IP address: itself for IPv4, its /64 for IPv6."""
    if ip is None:
        return None
    address = ipaddress.ip_address(ip)
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def mailbox(email):
    """The mailbox an address reaches, whatever its spelling.

    Case, a quoted local part (``"ada"@``), a ``+tag``, a domain in
    Unicode or in its ASCII form and, where the provider ignores them, dots
    all reach the same inbox.
    """
    local, _, domain = email.strip().rpartition("@")
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = local[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    local = local.casefold().partition("+")[0]
    domain = _ascii(domain.casefold().rstrip("."))
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def _ascii(domain):
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain
