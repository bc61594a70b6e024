module github.com/twohats/twohats

go 1.26.8

require (
	github.com/google/uuid v1.6.0
	go.yaml.in/yaml/v3 v3.0.6
)

require github.com/mattn/go-sqlite3 v1.14.53
