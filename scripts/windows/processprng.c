/*
 * A stand-in for bcryptprimitives.dll's ProcessPrng, for running Two Hats'
 * Windows build under Wine 8.0 (Debian 12's), which lacks it. Every Go 1.24+
 * Windows program calls ProcessPrng at start-up. This forwards to
 * BCryptGenRandom, which Wine has. For testing only: it is never shipped.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x7fffffff ? 0x7fffffff : (ULONG)size;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
