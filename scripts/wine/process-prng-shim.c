/* A test aid for running ambassador.exe under Debian's Wine 8.0, never shipped: current Rust
 * std asks bcryptprimitives.dll for ProcessPrng at start, which that Wine lacks. This DLL,
 * put next to the .exe, gives it, from the older RtlGenRandom (advapi32's SystemFunction036)
 * that Wine has. Windows itself has the real one. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
