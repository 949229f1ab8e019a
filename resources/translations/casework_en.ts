<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="158"/>
        <source>以逗号或顿号分隔</source>
        <translation>Separate with commas</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="159"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="160"/>
        <source>保存修改（Ctrl+S）：立即存入本机，下次同步时上传</source>
        <translation>Save changes (Ctrl+S): stored on this computer now, uploaded at the next sync</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="161"/>
        <source>个案记录(&amp;J)</source>
        <translation>Case notes (&amp;J)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="162"/>
        <source>个案记录，最新的在前</source>
        <translation>Case notes, newest first</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="163"/>
        <source>新增记录…</source>
        <translation>New note…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="164"/>
        <source>新增一条走访、电话或来访记录（Ctrl+N）</source>
        <translation>Add a home visit, phone call or office visit note (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="165"/>
        <source>← 返回本户</source>
        <translation>← Back to the household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="202"/>
        <source>还没有记录。按 Ctrl+N 新增第一条。</source>
        <translation>No notes yet. Press Ctrl+N to add the first.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="206"/>
        <source>个案：%1</source>
        <translation>Case: %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="209"/>
        <source>%1 创建于 %2</source>
        <translation>Created by %1 on %2</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="214"/>
        <source>冲突 %1 处，待选择</source>
        <translation>%1 conflict(s) to resolve</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="217"/>
        <source>待上传：本机已保存，下次同步时上传</source>
        <translation>Not yet uploaded: saved on this computer, uploaded at the next sync</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_page.py" line="219"/>
        <source>中心拒绝了修改：%1</source>
        <translation>The hub refused the change: %1</translation>
    </message>
</context>
<context>
    <name>CasesModel</name>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="22"/>
        <source>待上传</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="23"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="79"/>
        <location filename="../../app/casework/ui/case_models.py" line="122"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="80"/>
        <location filename="../../app/casework/ui/case_models.py" line="123"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="81"/>
        <location filename="../../app/casework/ui/case_models.py" line="124"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="82"/>
        <source>责任人</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="83"/>
        <location filename="../../app/casework/ui/case_models.py" line="125"/>
        <source>下次联系</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="84"/>
        <location filename="../../app/casework/ui/case_models.py" line="127"/>
        <source>标记</source>
        <translation>Marks</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="102"/>
        <source>%1 个字段有冲突，打开个案选择保留哪个值</source>
        <translation>%1 field(s) in conflict: open the case to choose which value to keep</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="105"/>
        <source>本机修改已保存，下次同步时上传</source>
        <translation>Changes saved on this computer; uploaded at the next sync</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="126"/>
        <source>概况</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <location filename="../../app/casework/ui/case_list.py" line="58"/>
        <source>个案(&amp;A)</source>
        <translation>C&amp;ases</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_list.py" line="59"/>
        <source>本户个案</source>
        <translation>Cases of this household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_list.py" line="60"/>
        <source>新建个案…</source>
        <translation>New case…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_list.py" line="61"/>
        <source>为本户新建个案（Ctrl+Shift+N）</source>
        <translation>New case for this household (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_list.py" line="62"/>
        <source>本户暂无个案</source>
        <translation>No cases for this household</translation>
    </message>
</context>
<context>
    <name>CaseworkArea</name>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="86"/>
        <source>我的个案(&amp;M)</source>
        <translation>&amp;My cases</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="87"/>
        <source>为本户新建个案(&amp;N)…</source>
        <translation>&amp;New case for this household…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="207"/>
        <source>尚有修改未上传</source>
        <translation>Changes not yet uploaded</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="208"/>
        <source>本机还有 %1 条修改尚未上传到中心。它们已安全保存在本机，下次同步时上传（下次登录后也会）。

现在关闭吗？（返回后可按 F5 立即同步）</source>
        <translation>%1 change(s) on this computer have not been uploaded to the hub yet. They are safely saved here and are uploaded at the next sync (also after the next sign-in).

Close now? (Go back and press F5 to sync now.)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="211"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/casework_area.py" line="212"/>
        <source>返回</source>
        <translation>Go back</translation>
    </message>
</context>
<context>
    <name>CaseworkStatusBar</name>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="86"/>
        <source>核对修复 %v/%m</source>
        <translation>Repairing %v/%m</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="86"/>
        <source>同步 %v/%m</source>
        <translation>Syncing %v/%m</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="121"/>
        <source>● 在线 — 正在同步…</source>
        <translation>● Online — syncing…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="124"/>
        <source>首次同步未完成</source>
        <translation>First sync not finished</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="125"/>
        <source>首次同步未完成：已有 %1%</source>
        <translation>First sync not finished: %1% here</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="126"/>
        <source>● 在线 — %1</source>
        <translation>● Online — %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="126"/>
        <source>○ 离线 — %1</source>
        <translation>○ Offline — %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="128"/>
        <source>● 在线 — 上次同步 %1</source>
        <translation>● Online — last synced %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="129"/>
        <source>○ 离线 — 上次同步 %1</source>
        <translation>○ Offline — last synced %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="136"/>
        <source>F5 立即同步</source>
        <translation>F5 syncs now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="139"/>
        <source>待上传 %1 条</source>
        <translation>%1 changes to upload</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="59"/>
        <source>冲突 %1 处：您和其他人从同一个值出发修改了同一字段，两个值都已保留。请选择保留哪一个；选择作为一次修改保存，下次同步时上传。</source>
        <translation>%1 conflict(s): you and someone else changed the same field from the same value; both values are kept. Choose which one stays; your choice is saved as a change and uploaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="61"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="61"/>
        <source>我填写的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="61"/>
        <source>对方保存的</source>
        <translation>Theirs</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="74"/>
        <location filename="../../app/casework/ui/conflict_panel.py" line="100"/>
        <source>我</source>
        <translation>me</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="75"/>
        <source>其他人</source>
        <translation>someone else</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="82"/>
        <source>用我的</source>
        <translation>Use mine</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="82"/>
        <source>保留我填写的值</source>
        <translation>Keep the value I entered</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="83"/>
        <source>用对方的</source>
        <translation>Use theirs</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="83"/>
        <source>保留%1保存的值</source>
        <translation>Keep the value %1 saved</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="84"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="84"/>
        <source>在表单中修改这个字段，然后保存（Ctrl+S）</source>
        <translation>Change this field in the form, then save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/conflict_panel.py" line="109"/>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>FactSections</name>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="32"/>
        <source>%1 — 需要%1级权限；可向%2申请查看</source>
        <translation>%1 — needs %1 clearance; you may apply to %2 for access</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="64"/>
        <source>此成员没有可显示的部门信息。</source>
        <translation>Nothing from any department for this member.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="115"/>
        <source>%1级，高于您的密级：仅显示替代它的状态</source>
        <translation>%1: above your clearance; only the status that replaces it is shown</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="116"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="137"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="77"/>
        <source>家庭成员(&amp;M)</source>
        <translation>Household &amp;members</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="78"/>
        <source>家庭成员</source>
        <translation>Household members</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="150"/>
        <source>各部门信息</source>
        <translation>What each department knows</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="153"/>
        <source>%1 — 各部门信息</source>
        <translation>%1 — what each department knows</translation>
    </message>
</context>
<context>
    <name>LevelLegend</name>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="14"/>
        <source>可公开的信息</source>
        <translation>Information that may be made public</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="15"/>
        <source>仅限有权限的工作人员</source>
        <translation>For authorised staff only</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="16"/>
        <source>需要秘密级权限</source>
        <translation>Needs secret clearance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="17"/>
        <source>需要机密级权限</source>
        <translation>Needs confidential clearance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="52"/>
        <source>密级（您可看到%1及以下）：</source>
        <translation>Classification (you see %1 and below):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="55"/>
        <source>您可查看</source>
        <translation>you may see it</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/level_legend.py" line="56"/>
        <source>高于您的密级：只显示替代它的状态，可向数据所属部门申请查看</source>
        <translation>above your clearance: only the status that replaces it is shown; you may apply to the owning department</translation>
    </message>
</context>
<context>
    <name>LinkedPage</name>
    <message>
        <location filename="../../app/casework/ui/links.py" line="52"/>
        <source>Enter 或双击打开此人的家庭；Alt+← 返回</source>
        <translation>Enter or double-click opens the person&apos;s household; Alt+← goes back</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="73"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="74"/>
        <source>长时间未操作，窗口已锁定。请输入密码继续。</source>
        <translation>The window locked after a period of inactivity. Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="75"/>
        <source>窗口已锁定（Ctrl+L）。请输入密码继续。</source>
        <translation>The window is locked (Ctrl+L). Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="76"/>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="77"/>
        <location filename="../../app/casework/ui/lock_page.py" line="78"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="103"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="119"/>
        <source>密码错误。</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="127"/>
        <source>密码错误。现在可以再试。</source>
        <translation>Wrong password. You may try again now.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="131"/>
        <source>密码错误。请 %1 秒后再试。</source>
        <translation>Wrong password. Try again in %1 s.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="98"/>
        <location filename="../../app/casework/ui/login_dialog.py" line="111"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="99"/>
        <source>登录区级数据中心</source>
        <translation>Sign in to the district hub</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="100"/>
        <source>演示用户（选中后按 Enter 登录）：</source>
        <translation>Demo users (choose one and press Enter):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="104"/>
        <source>%1 — %2，%3（密码 %4）</source>
        <translation>%1 — %2, %3 (password %4)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="107"/>
        <source>中心地址(&amp;H)：</source>
        <translation>&amp;Hub address:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="108"/>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="109"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="110"/>
        <source>例如 http://127.0.0.1:8700</source>
        <translation>e.g. http://127.0.0.1:8700</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="112"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="119"/>
        <source>不持有个人数据</source>
        <translation>holds no personal data</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="120"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="121"/>
        <source>全区</source>
        <translation>whole district</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="123"/>
        <source>%1，%2级</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="143"/>
        <source>请填写中心地址、用户名和密码。</source>
        <translation>Please fill in the hub address, user name and password.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="145"/>
        <source>正在登录并打开本机缓存…</source>
        <translation>Signing in and opening the local cache…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="129"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="131"/>
        <source>按 Ctrl+F 搜索居民：姓名、拼音（如 zs、zhangsan、zhangs）、身份证号或后4位、电话或后4位、地址。
按 F5 立即同步。</source>
        <translation>Press Ctrl+F to search residents: name, pinyin (e.g. zs, zhangsan, zhangs), identity number or its last 4, phone or its last 4, address.
Press F5 to sync now.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="135"/>
        <source>系统管理员账户不持有居民数据，这里没有可查的内容。
管理用户请在中心服务器上运行：casework hub user add | change | list | unlock | reset-password | disable | enable（详见 casework hub user --help）。</source>
        <translation>An administrator account holds no resident data: there is nothing to search here.
Manage users on the hub server with: casework hub user add | change | list | unlock | reset-password | disable | enable (see casework hub user --help).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="167"/>
        <source>本机缓存中没有此记录（可能不在您的范围内，或尚未同步）。</source>
        <translation>This record is not in the local cache (outside your scope, or not synced yet).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="225"/>
        <source>无法连接中心：首次同步未完成，本机只有部分数据——查不到的人可能只是尚未同步。恢复连接后会自动继续（或按 F5）。</source>
        <translation>Cannot reach the hub: the first sync has not finished and this computer holds only part of the data — a person not found may just not be synced yet. It continues by itself once connected (or press F5).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="228"/>
        <source>无法连接中心，正在离线工作：显示的是本机缓存中上次同步的数据。恢复连接后会自动同步（或按 F5）。</source>
        <translation>The hub cannot be reached: working offline on the data of the last sync in this computer&apos;s cache. Syncing resumes by itself when the hub is back (or press F5).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="290"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="291"/>
        <source>街道个案工作台：整合各部门数据的家庭视图，离线可用，联网同步。</source>
        <translation>Street Casework: the integrated household view across departments; works offline, syncs when connected.</translation>
    </message>
</context>
<context>
    <name>MyCasesPage</name>
    <message>
        <location filename="../../app/casework/ui/my_cases.py" line="40"/>
        <source>我的个案</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/my_cases.py" line="41"/>
        <source>我负责的未结个案</source>
        <translation>My open cases</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/my_cases.py" line="64"/>
        <source>责任人为 %1 的未结个案 %2 件（进行中、暂停）。按 Enter 打开。</source>
        <translation>%2 open case(s) assigned to %1 (in progress or on hold). Press Enter to open one.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/my_cases.py" line="66"/>
        <source>责任人为 %1 的未结个案：暂无。</source>
        <translation>Open cases assigned to %1: none.</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="132"/>
        <source>新建个案 — %1</source>
        <translation>New case — %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="145"/>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="148"/>
        <source>类别(&amp;C)</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="149"/>
        <source>优先级(&amp;P)</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="150"/>
        <source>责任人(&amp;R)</source>
        <translation>Assigned to (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="151"/>
        <source>下次联系(&amp;D)</source>
        <translation>Next contact (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="152"/>
        <source>概况(&amp;U)</source>
        <translation>S&amp;ummary</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="86"/>
        <source>新增个案记录 — %1</source>
        <translation>New case note — %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="93"/>
        <source>走访或联系的情况、居民的诉求、下一步安排……</source>
        <translation>What happened on the visit or call, what the resident asks for, the next steps…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="94"/>
        <source>Ctrl+Enter 保存。离线时也会立即保存在本机，联网后上传。</source>
        <translation>Ctrl+Enter saves. Offline too it is saved on this computer at once and uploaded when online.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="97"/>
        <source>保存记录</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="100"/>
        <source>方式(&amp;W)</source>
        <translation>Channel (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="101"/>
        <source>内容(&amp;T)</source>
        <translation>&amp;Text</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="144"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="145"/>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="146"/>
        <source>记录人</source>
        <translation>Written by</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="147"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="162"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="164"/>
        <source>待上传</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="166"/>
        <source>被中心拒绝</source>
        <translation>refused by the hub</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="169"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/case_models.py" line="170"/>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../app/casework/ui/notice_bar.py" line="38"/>
        <source>关闭提示 (Esc)</source>
        <translation>Close the notice (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/notice_bar.py" line="39"/>
        <source>关闭提示</source>
        <translation>Close the notice</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <location filename="../../app/casework/ui/case_dialogs.py" line="43"/>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="17"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="18"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="19"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="20"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="21"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="22"/>
        <source>标记</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="23"/>
        <location filename="../../app/casework/ui/search_model.py" line="34"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="24"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="25"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="26"/>
        <location filename="../../app/casework/ui/search_model.py" line="36"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="27"/>
        <location filename="../../app/casework/ui/search_model.py" line="37"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="28"/>
        <location filename="../../app/casework/ui/search_model.py" line="38"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="29"/>
        <source>匹配</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="33"/>
        <source>完全匹配</source>
        <translation>exact</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="35"/>
        <source>拼音</source>
        <translation>Pinyin</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="143"/>
        <source>（已隐去）</source>
        <translation>(withheld)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="84"/>
        <source>搜索：姓名、拼音（全拼或首字母）、身份证号或后4位、电话或后4位、地址</source>
        <translation>Search: name, pinyin (full or initials), identity number or its last 4, phone or its last 4, address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="85"/>
        <source>搜索 (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="86"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="87"/>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="143"/>
        <source>搜索失败：%1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="151"/>
        <source>输入后即显示结果；↓ 进入结果，Enter 打开家庭</source>
        <translation>Results appear as you type; ↓ goes to the results, Enter opens the household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="154"/>
        <source>首次同步未完成，本机数据不全：没有找到“%1”</source>
        <translation>First sync not finished, data incomplete: nothing found for “%1”</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="157"/>
        <source>没有找到“%1”</source>
        <translation>Nothing found for “%1”</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="159"/>
        <source>找到 %1 人（首次同步未完成，可能不全）</source>
        <translation>%1 found (first sync not finished: there may be more)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="162"/>
        <source>找到 %1 人以上，向下滚动查看更多</source>
        <translation>More than %1 found: scroll down for more</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="165"/>
        <source>找到 %1 人</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>SectionBar</name>
    <message>
        <location filename="../../app/casework/ui/section_bar.py" line="42"/>
        <source>跳到部门</source>
        <translation>Go to department</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/section_bar.py" line="43"/>
        <source>点击跳到该部门的信息</source>
        <translation>Click to go to what this department knows</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/section_bar.py" line="46"/>
        <source>向左滚动</source>
        <translation>Scroll left</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/section_bar.py" line="46"/>
        <source>向右滚动</source>
        <translation>Scroll right</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="45"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="46"/>
        <source>空闲锁定（%1–%2 分钟，上限由中心规定）(&amp;I)：</source>
        <translation>&amp;Idle lock (%1–%2 minutes, the hub sets the most):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="48"/>
        <source>自动同步间隔（分钟，0 为仅手动）(&amp;A)：</source>
        <translation>&amp;Auto-sync every (minutes, 0 = F5 only):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="49"/>
        <source>界面语言(&amp;L)：</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="50"/>
        <location filename="../../app/casework/ui/settings_dialog.py" line="51"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../app/casework/ui/sync_controller.py" line="80"/>
        <source>✓ 已是最新</source>
        <translation>✓ Up to date</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/sync_controller.py" line="81"/>
        <source>✓ 已同步 %1 条更改</source>
        <translation>✓ Synced %1 change(s)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="53"/>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="58"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="54"/>
        <source>解锁本机缓存</source>
        <translation>Unlock the local cache</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="55"/>
        <source>用户 %1，中心 %2。无法连接中心时可离线工作。</source>
        <translation>User %1, hub %2. Works offline when the hub cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="57"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="59"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="60"/>
        <source>其他用户(&amp;O)…</source>
        <translation>&amp;Other user…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="65"/>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="67"/>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="49"/>
        <source>立即同步(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="50"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="51"/>
        <source>设置(&amp;E)…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="52"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="53"/>
        <source>搜索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="54"/>
        <source>后退(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="55"/>
        <source>前进(&amp;O)</source>
        <translation>F&amp;orward</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="56"/>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>语言(&amp;Y)</source>
        <translation>Lan&amp;guage</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="60"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../app/casework/ui/application.py" line="35"/>
        <location filename="../../app/casework/ui/application.py" line="47"/>
        <location filename="../../app/casework/ui/main_window.py" line="147"/>
        <source>街道个案工作台</source>
        <translation>Street Casework</translation>
    </message>
</context>
<context>
    <name>case_text</name>
    <message>
        <location filename="../../app/casework/ui/case_text.py" line="38"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>fact_text</name>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="49"/>
        <source>（无内容）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="54"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="64"/>
        <source>证号 %1</source>
        <translation>no. %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="66"/>
        <source>有效期至 %1</source>
        <translation>valid until %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="77"/>
        <source>金额/物品已隐去</source>
        <translation>amount/item withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="79"/>
        <source>%1 元</source>
        <translation>¥%1</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="48"/>
        <source>%1 岁</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="54"/>
        <source>从未同步</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="59"/>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="61"/>
        <source>今天 %1</source>
        <translation>today %1</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="27"/>
        <source>户籍类别</source>
        <translation>registration</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="28"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="29"/>
        <source>养老保险</source>
        <translation>pension</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="30"/>
        <source>起始日期</source>
        <translation>since</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="31"/>
        <source>状态</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="32"/>
        <source>单位</source>
        <translation>employer</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="33"/>
        <source>工作单位</source>
        <translation>employer</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="34"/>
        <source>参保类型</source>
        <translation>scheme</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="35"/>
        <location filename="../../app/casework/ui/labels.py" line="118"/>
        <source>医疗救助</source>
        <translation>medical assistance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="36"/>
        <source>救助项目</source>
        <translation>programme</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="37"/>
        <source>人均月收入</source>
        <translation>monthly income per person</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="38"/>
        <source>管理类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="39"/>
        <source>纳管日期</source>
        <translation>managed since</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="40"/>
        <source>最近领药</source>
        <translation>last medication</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="41"/>
        <source>责任医生</source>
        <translation>doctor</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="42"/>
        <source>出租屋</source>
        <translation>rental home</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="43"/>
        <source>登记日期</source>
        <translation>registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="44"/>
        <source>户籍地</source>
        <translation>origin</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="45"/>
        <source>证号</source>
        <translation>number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="46"/>
        <source>发证日期</source>
        <translation>issued on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="47"/>
        <location filename="../../app/casework/ui/labels.py" line="55"/>
        <source>有效期至</source>
        <translation>valid until</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="48"/>
        <source>签注日期</source>
        <translation>endorsed on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="49"/>
        <source>学校</source>
        <translation>school</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="50"/>
        <source>年级</source>
        <translation>grade</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="51"/>
        <source>入学日期</source>
        <translation>enrolled on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="52"/>
        <source>入学方式</source>
        <translation>admission</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="53"/>
        <source>欠税金额</source>
        <translation>amount owed</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="54"/>
        <source>类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="56"/>
        <source>金额</source>
        <translation>amount</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="57"/>
        <source>物品</source>
        <translation>item</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="58"/>
        <source>数量</source>
        <translation>quantity</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="59"/>
        <source>期间</source>
        <translation>period</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="60"/>
        <source>内容</source>
        <translation>content</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="61"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="62"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="63"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="64"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="65"/>
        <source>房东</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="69"/>
        <source>公开</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="70"/>
        <source>内部</source>
        <translation>Internal</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="71"/>
        <source>秘密</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="72"/>
        <source>机密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="75"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="75"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="83"/>
        <source>有效</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="83"/>
        <source>已过期</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="84"/>
        <source>已登记</source>
        <translation>registered</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="84"/>
        <source>持证残疾人</source>
        <translation>certificate holder</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="85"/>
        <source>低保户</source>
        <translation>on minimum living guarantee</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="85"/>
        <source>低收入户</source>
        <translation>low-income household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="86"/>
        <source>特困人员</source>
        <translation>destitute support</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="86"/>
        <source>完税</source>
        <translation>paid up</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="87"/>
        <source>欠税</source>
        <translation>in arrears</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="87"/>
        <source>健康管理对象</source>
        <translation>under health management</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="88"/>
        <source>在读</source>
        <translation>enrolled</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="88"/>
        <source>就业</source>
        <translation>employed</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="89"/>
        <source>失业登记</source>
        <translation>registered unemployed</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="89"/>
        <source>灵活就业</source>
        <translation>flexible employment</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="90"/>
        <source>个体经营</source>
        <translation>self-employed</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="90"/>
        <source>在保</source>
        <translation>insured</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="91"/>
        <source>领取养老金</source>
        <translation>drawing a pension</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="91"/>
        <source>未参保</source>
        <translation>not insured</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="92"/>
        <source>职工医保</source>
        <translation>employee medical insurance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="92"/>
        <source>城乡居民医保</source>
        <translation>resident medical insurance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="93"/>
        <source>本市户籍</source>
        <translation>registered in the city</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="93"/>
        <source>外省户籍</source>
        <translation>registered in another province</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="94"/>
        <source>户籍入学</source>
        <translation>admitted by residence</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="94"/>
        <source>积分入学</source>
        <translation>admitted by points</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="95"/>
        <source>严重精神障碍</source>
        <translation>severe mental disorder</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="95"/>
        <source>慢性病</source>
        <translation>chronic disease</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="96"/>
        <source>计划生育</source>
        <translation>family planning</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="96"/>
        <source>一年级</source>
        <translation>grade 1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="97"/>
        <source>二年级</source>
        <translation>grade 2</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="97"/>
        <source>三年级</source>
        <translation>grade 3</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="98"/>
        <source>四年级</source>
        <translation>grade 4</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="98"/>
        <source>五年级</source>
        <translation>grade 5</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="99"/>
        <source>六年级</source>
        <translation>grade 6</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="99"/>
        <source>七年级</source>
        <translation>grade 7</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="100"/>
        <source>八年级</source>
        <translation>grade 8</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="100"/>
        <source>九年级</source>
        <translation>grade 9</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="101"/>
        <source>汉族</source>
        <translation>Han</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="101"/>
        <source>回族</source>
        <translation>Hui</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="102"/>
        <source>壮族</source>
        <translation>Zhuang</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="102"/>
        <source>满族</source>
        <translation>Manchu</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="103"/>
        <source>苗族</source>
        <translation>Miao</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="103"/>
        <source>土家族</source>
        <translation>Tujia</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="104"/>
        <source>布依族</source>
        <translation>Bouyei</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="104"/>
        <source>瑶族</source>
        <translation>Yao</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="105"/>
        <source>棉被</source>
        <translation>quilt</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="105"/>
        <source>康复训练</source>
        <translation>rehabilitation training</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="111"/>
        <source>最低生活保障金</source>
        <translation>Minimum living guarantee</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="112"/>
        <source>低收入家庭救助金</source>
        <translation>Low-income family assistance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="113"/>
        <source>特困人员供养金</source>
        <translation>Destitute support</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="114"/>
        <source>临时救助</source>
        <translation>Temporary assistance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="115"/>
        <source>高龄津贴</source>
        <translation>Old-age allowance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="116"/>
        <source>困难残疾人生活补贴</source>
        <translation>Living subsidy for disabled people in difficulty</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="117"/>
        <source>重度残疾人护理补贴</source>
        <translation>Nursing subsidy for severely disabled people</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="119"/>
        <source>冬季送温暖（民政）</source>
        <translation>Winter relief (civil affairs)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="120"/>
        <source>冬季送温暖（残联）</source>
        <translation>Winter relief (disability federation)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="121"/>
        <source>困难职工慰问</source>
        <translation>Support for workers in difficulty</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="122"/>
        <source>节日慰问金</source>
        <translation>Festival condolence payment</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="123"/>
        <source>康复服务</source>
        <translation>Rehabilitation service</translation>
    </message>
</context>
<context>
    <name>presenters</name>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="45"/>
        <source>（已隐去）</source>
        <translation>(withheld)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="63"/>
        <source>地址高于您的密级，已隐去。</source>
        <translation>The address is above your clearance and withheld.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="74"/>
        <location filename="../../app/casework/ui/presenters.py" line="144"/>
        <source>出租屋</source>
        <translation>rental home</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="75"/>
        <source>出租屋：%1 →</source>
        <translation>Rental home: %1 →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="156"/>
        <source>出租屋 →</source>
        <translation>Rental home →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="81"/>
        <location filename="../../app/casework/ui/presenters.py" line="181"/>
        <source>（地址已隐去）</source>
        <translation>(address withheld)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="78"/>
        <source>此户租住出租屋，但出租屋记录不在您的查看范围内（由来穗人员服务管理部门掌握）。</source>
        <translation>This household rents a home whose record is outside what you may see (the migrant services bureau holds it).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="90"/>
        <source>残疾</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="92"/>
        <source>来穗</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="131"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="142"/>
        <source>（%1记录不在您的查看范围内）</source>
        <translation> (the %1 record is outside what you may see)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="143"/>
        <source>单位</source>
        <translation>employer</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="153"/>
        <source>单位 →</source>
        <translation>Employer →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="163"/>
        <source>残疾人证</source>
        <translation>Disability certificate</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="172"/>
        <source>%1（全户）</source>
        <translation>%1 (household)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="186"/>
        <location filename="../../app/casework/ui/presenters.py" line="188"/>
        <source>房东</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="188"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="189"/>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="190"/>
        <source>房间数</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="193"/>
        <source>房东的家庭 →</source>
        <translation>Landlord&apos;s household →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="196"/>
        <source>出租屋：%1</source>
        <translation>Rental home: %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="197"/>
        <source>租住人员（%1 人）</source>
        <translation>Tenants (%1)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="205"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="206"/>
        <source>登记状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="207"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="208"/>
        <source>成立日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="209"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="212"/>
        <source>在本单位就业（您范围内 %1 人）</source>
        <translation>Employed here (%1 in your scope)</translation>
    </message>
</context>
</TS>
