//go:build ignore

// Prints GOMAXPROCS, the goroutine count both sides of the benchmark use.
package main

import (
	"fmt"
	"runtime"
)

func main() { fmt.Println(runtime.GOMAXPROCS(0)) }
