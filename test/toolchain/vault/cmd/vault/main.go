// Command vault is the Vault server and CLI from github.com/hashicorp/vault
// v1.14.10, the last MPL-2.0 release and the code OpenBao was forked from.
// OpenBao itself cannot be built here: the Go module proxy answers
// "403 Forbidden: This module version is not available" for every version of
// github.com/openbao/openbao (and its sdk/v2), so this is the nearest real,
// Vault-API-compatible server we can build from the registries we reach.
package main

import (
	"os"

	"github.com/hashicorp/vault/command"
)

func main() { os.Exit(command.Run(os.Args[1:])) }
