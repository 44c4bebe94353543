// etcd built from go.etcd.io/etcd/server/v3 at the version k8s.io/kubernetes v1.36.3 requires (3.6.8).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
