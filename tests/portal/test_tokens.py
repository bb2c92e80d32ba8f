from portal.entry.tokens import TOKEN_BYTES, hash_token, looks_like_token, new_token


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert TOKEN_BYTES * 8 >= 128
    assert all(looks_like_token(t) for t in tokens)


def test_only_a_hash_is_stored_and_it_is_stable():
    token = new_token()
    digest = hash_token(token)
    assert token not in digest and len(digest) == 64
    assert hash_token(token) == digest
    assert hash_token(token[:-1] + ("A" if token[-1] != "A" else "B")) != digest


def test_junk_is_not_a_token():
    for junk in ["", "short", "x" * 65, "'; DROP TABLE case;--", "abc def ghi jkl mno pqr", "٣" * 30]:
        assert not looks_like_token(junk)
