// Declarations only (CLibFuzzer.h): the driver comes from compiler-rt's libFuzzer.
