/* version.h - what sys:uname and the banner say. */
#ifndef CORE_VERSION_H
#define CORE_VERSION_H
#define OS_NAME "Redox-C"
#define OS_VERSION "0.1.0"
#endif
