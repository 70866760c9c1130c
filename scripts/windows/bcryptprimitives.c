/* bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it: Rust's standard library asks it
 * for ProcessPrng, its source of random bytes on Windows 10 and later. This stand-in draws
 * them from RtlGenRandom (SystemFunction036 of advapi32), which Wine has. Built with mingw by
 * scripts/setup.sh and placed in the Wine prefix of the tests; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
