#include "check.h"
int main(void){ CHECK_EQ(1, 2); return CHECK_SUMMARY(); }
