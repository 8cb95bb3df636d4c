from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_names_without_bidi_controls"),
        ("articles", "0008_article_comment_count"),
    ]

    operations = [
        migrations.RunSQL(
            """
            UPDATE articles_article SET comment_count = (
                SELECT count(*) FROM comments_comment
                WHERE comments_comment.article_id = articles_article.id
                  AND comments_comment.status = 'approved'
            )
            """,
            migrations.RunSQL.noop,
        )
    ]
