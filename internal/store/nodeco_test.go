package store

import (
	"context"
	"testing"
)

func TestNodecoSeedAndReset(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	count := func() (node, vd int) {
		err := s.Nodeco(ctx, func(q *NodecoTx) error {
			for flavour, n := range map[string]*int{"nodeco": &node, "virtdedi": &vd} {
				for _, stage := range NodecoStages {
					srv, err := q.ServersFor(flavour, stage, "12312", "")
					if err != nil {
						return err
					}
					*n += len(srv)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if n, v := count(); n != 4 || v != 4 {
		t.Fatalf("seeded servers of 12312: nodeco %d, virtdedi %d; want 2 per stage each", n, v)
	}
	err := s.Nodeco(ctx, func(q *NodecoTx) error {
		srv, err := q.Server("virtdedi", "real", "12345")
		if err != nil {
			return err
		}
		srv.ServerLabel = "changed"
		return q.SaveServer(srv)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reset(ctx, "nodeco"); err != nil {
		t.Fatal(err)
	}
	err = s.Nodeco(ctx, func(q *NodecoTx) error {
		srv, err := q.Server("virtdedi", "real", "12345")
		if err == nil && srv.ServerLabel != "My Server One" {
			t.Errorf("reset kept %q", srv.ServerLabel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
