/*
 * bcryptprimitives.dll for Wine 8.0 (Debian 12), which lacks it: the Go
 * runtime (1.22 and later) loads ProcessPrng from it at start. Windows 10
 * and 11 have it; this stand-in exists only for make test-windows, and
 * draws its random bytes from Wine's bcrypt.dll like the real one does
 * from the system's generator. Never shipped.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
